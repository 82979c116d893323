using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>
/// One RBAC rule of a role: it allows or denies the <see cref="Actions"/> on the <see cref="Resources"/>, when its
/// <see cref="Conditions"/> hold. Of the rules that match a request, those of the highest <see cref="Priority"/>
/// decide, and among them a deny beats an allow.
/// </summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RbacRule")]
public sealed record RbacRule
{
    /// <summary>Gets a name for the rule, shown in decisions and audit records (optional).</summary>
    [Id(0)] public string? Id { get; init; }

    /// <summary>Gets whether the rule allows or denies.</summary>
    [Id(1)] public RbacEffect Effect { get; init; }

    /// <summary>Gets the action patterns: an action of <see cref="Permissions"/> (<c>sessions:read</c>), <c>sessions:*</c>, <c>*:read</c> or <c>*</c>.</summary>
    [Id(2)] public ImmutableArray<string> Actions { get; init; } = [];

    /// <summary>
    /// Gets the resource patterns, '/'-separated: a segment <c>*</c> matches any one segment (a segment such as
    /// <c>s-*</c> any one segment with that prefix), <c>**</c> any number of segments, including none
    /// (<c>tenants/*/sessions/*</c>, <c>tenants/*/**</c>, <c>**</c>).
    /// </summary>
    [Id(3)] public ImmutableArray<string> Resources { get; init; } = [];

    /// <summary>Gets the rule's priority: the matching rules of the highest priority decide. Built-in grants have 0.</summary>
    [Id(4)] public int Priority { get; init; }

    /// <summary>Gets the conditions that must all hold for the rule to match, if any.</summary>
    [Id(5)] public RbacConditions? Conditions { get; init; }
}
