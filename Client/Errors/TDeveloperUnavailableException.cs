namespace TDeveloper.Client;

/// <summary>The cluster (or the remote API) did not answer: it is starting, stopping or unreachable. Worth retrying later; HTTP 503.</summary>
public class TDeveloperUnavailableException : TDeveloperException
{
    /// <summary>Creates the exception.</summary>
    public TDeveloperUnavailableException()
        : this("The T-Developer cluster is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TDeveloperUnavailableException(string message)
        : base(message, 503)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TDeveloperUnavailableException(string message, Exception innerException)
        : base(message, 503, innerException)
    {
    }
}
