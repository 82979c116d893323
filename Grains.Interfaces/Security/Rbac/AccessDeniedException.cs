namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>
/// A grain refused a call: the caller's tenant is not the grain's, the method is the system's own, or RBAC denied the
/// caller's roles the method's permission. Nothing was changed. The API answers it with 403.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.AccessDeniedException")]
public sealed class AccessDeniedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AccessDeniedException()
        : this("Access denied.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AccessDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a refused call.</summary>
    /// <param name="action">The action refused (a <see cref="Permissions"/> action, or the method for a system-only call).</param>
    /// <param name="resource">The resource the call was for.</param>
    /// <param name="reason">Why, for a person to read.</param>
    public AccessDeniedException(string action, string resource, string reason)
        : base($"Access denied: {reason}")
    {
        Action = action;
        Resource = resource;
        Reason = reason;
    }

    /// <summary>Gets the action refused.</summary>
    [Id(0)] public string? Action { get; init; }

    /// <summary>Gets the resource the call was for.</summary>
    [Id(1)] public string? Resource { get; init; }

    /// <summary>Gets why the call was refused.</summary>
    [Id(2)] public string? Reason { get; init; }
}
