using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>The conditions of an <see cref="RbacRule"/>; all that are set must hold for the rule to match.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RbacConditions")]
public sealed record RbacConditions
{
    /// <summary>Gets the UTC days and hours in which the rule matches, if limited.</summary>
    [Id(0)] public RbacTimeWindow? TimeWindow { get; init; }

    /// <summary>
    /// Gets the IP ranges (CIDR, IPv4 or IPv6, e.g. <c>10.0.0.0/8</c>, <c>2001:db8::/32</c>, or a single address) one of
    /// which the caller's address must be in; empty for any address. A caller whose address is unknown is in none.
    /// </summary>
    [Id(1)] public ImmutableArray<string> IpRanges { get; init; } = [];

    /// <summary>Gets the tests of the caller's attributes (<see cref="CallerIdentity.Attributes"/>), all of which must hold.</summary>
    [Id(2)] public ImmutableArray<RbacAttributeCondition> Attributes { get; init; } = [];
}
