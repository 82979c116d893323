namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>What an RBAC rule does when it matches: allow or deny. At equal priority a deny wins.</summary>
public enum RbacEffect
{
    /// <summary>The rule allows the action.</summary>
    Allow,

    /// <summary>The rule denies the action; at equal priority it beats every allow.</summary>
    Deny,
}
