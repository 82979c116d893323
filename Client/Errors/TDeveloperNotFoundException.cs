namespace TDeveloper.Client;

/// <summary>The session, workflow, step or checkpoint does not exist (in the caller's tenant: another tenant's entity is reported as missing); HTTP 404, <see cref="Grains.Interfaces.CommandOutcome.NotFound"/>.</summary>
public class TDeveloperNotFoundException : TDeveloperException
{
    /// <summary>Creates the exception.</summary>
    public TDeveloperNotFoundException()
        : this("The entity does not exist.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TDeveloperNotFoundException(string message)
        : base(message, 404)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TDeveloperNotFoundException(string message, Exception innerException)
        : base(message, 404, innerException)
    {
    }
}
