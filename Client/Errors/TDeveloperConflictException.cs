namespace TDeveloper.Client;

/// <summary>The entity exists but its state does not allow the command now (pausing a paused or ended session, approving a step that waits for no decision, ending a session with running workflows); nothing changed. HTTP 409, <see cref="Grains.Interfaces.CommandOutcome.Conflict"/>.</summary>
public class TDeveloperConflictException : TDeveloperException
{
    /// <summary>Creates the exception.</summary>
    public TDeveloperConflictException()
        : this("The entity's state does not allow the command now.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TDeveloperConflictException(string message)
        : base(message, 409)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TDeveloperConflictException(string message, Exception innerException)
        : base(message, 409, innerException)
    {
    }
}
