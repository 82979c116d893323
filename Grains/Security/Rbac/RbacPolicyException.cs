using System.Collections.Immutable;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>An RBAC policy did not validate; <see cref="Problems"/> lists every problem found, not just the first.</summary>
public sealed class RbacPolicyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RbacPolicyException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RbacPolicyException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RbacPolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception for the problems found.</summary>
    public RbacPolicyException(ImmutableArray<string> problems)
        : base($"The RBAC policy is invalid ({problems.Length} problem{(problems.Length == 1 ? "" : "s")}): {string.Join("; ", problems)}")
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found.</summary>
    public ImmutableArray<string> Problems { get; }
}
