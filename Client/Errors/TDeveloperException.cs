namespace TDeveloper.Client;

/// <summary>
/// The base of every failure the T-Developer client handles report: a refused command, a missing entity, a denied call or a
/// workflow that did not complete. Catch it to handle them all; catch a subclass to handle one.
/// </summary>
/// <remarks>
/// Embedded, the handles raise it from the facade's <see cref="Grains.Interfaces.CommandResult{T}"/> outcomes and the grains'
/// exceptions; remote, from the API's RFC 7807 problem details. <see cref="StatusCode"/> is the HTTP status the API answers the
/// same failure with, so callers can log one value for both.
/// </remarks>
public class TDeveloperException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TDeveloperException()
        : this("The T-Developer call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TDeveloperException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TDeveloperException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message, the HTTP status of the same failure and an optional cause.</summary>
    public TDeveloperException(string message, int statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Gets the HTTP status the API answers this failure with (for example 404); 0 when there is none.</summary>
    public int StatusCode { get; }
}
