namespace TDeveloper.Client;

/// <summary>The remote API refused the credential: no API key or token, or an unknown, expired or revoked one. HTTP 401 (remote only).</summary>
public class TDeveloperUnauthenticatedException : TDeveloperException
{
    /// <summary>Creates the exception.</summary>
    public TDeveloperUnauthenticatedException()
        : this("The credential was refused.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TDeveloperUnauthenticatedException(string message)
        : base(message, 401)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TDeveloperUnauthenticatedException(string message, Exception innerException)
        : base(message, 401, innerException)
    {
    }
}
