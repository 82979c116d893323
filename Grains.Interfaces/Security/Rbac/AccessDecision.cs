namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>What RBAC decided about one request: allowed or not, the rule (and its role) that decided, and why, for a person to read.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AccessDecision")]
public sealed record AccessDecision
{
    /// <summary>Gets whether the action is allowed.</summary>
    [Id(0)] public bool Allowed { get; init; }

    /// <summary>Gets the rule that decided; <see langword="null"/> when no rule matched (denied by default) or isolation refused before any rule.</summary>
    [Id(1)] public RbacRule? Rule { get; init; }

    /// <summary>Gets the role whose rule decided, if a rule did.</summary>
    [Id(2)] public string? Role { get; init; }

    /// <summary>Gets why, for a person to read (an audit record, a 403 problem).</summary>
    [Id(3)] public required string Reason { get; init; }

    /// <summary>Creates an allowing decision.</summary>
    public static AccessDecision Allow(RbacRule rule, string role, string reason) => new() { Allowed = true, Rule = rule, Role = role, Reason = reason };

    /// <summary>Creates a denying decision.</summary>
    public static AccessDecision Deny(string reason, RbacRule? rule = null, string? role = null) => new() { Allowed = false, Rule = rule, Role = role, Reason = reason };
}
