namespace TDeveloper.Api.Security.Identity;

/// <summary>A credential refused by one of our own checks (revoked, wrong IP, no tenant …); its message is safe to show the caller.</summary>
public sealed class TokenRefusedException : Exception
{
    /// <summary>Initializes the exception with a message for the caller.</summary>
    public TokenRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception.</summary>
    public TokenRefusedException()
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    public TokenRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
