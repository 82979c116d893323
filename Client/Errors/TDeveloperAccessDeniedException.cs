namespace TDeveloper.Client;

/// <summary>The caller is authenticated but may not make the call: its roles lack the permission, or the call is the system's own; nothing changed. HTTP 403, <see cref="Grains.Interfaces.Security.Rbac.AccessDeniedException"/> embedded.</summary>
public class TDeveloperAccessDeniedException : TDeveloperException
{
    /// <summary>Creates the exception.</summary>
    public TDeveloperAccessDeniedException()
        : this("Access denied.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TDeveloperAccessDeniedException(string message)
        : base(message, 403)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TDeveloperAccessDeniedException(string message, Exception innerException)
        : base(message, 403, innerException)
    {
    }
}
