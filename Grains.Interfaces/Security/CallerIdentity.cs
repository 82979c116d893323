using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security;

/// <summary>
/// Who a grain call acts for: set by the API edge from the authenticated principal and carried to the grains in
/// Orleans' <c>RequestContext</c> (<see cref="CallerContext"/>), so the grain call filter can check the caller's
/// tenant against the grain's key and the caller's roles against the method's permission.
/// </summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.CallerIdentity")]
public sealed record CallerIdentity
{
    /// <summary>Gets the caller's tenant.</summary>
    [Id(0)] public required string Tenant { get; init; }

    /// <summary>Gets the caller's subject id.</summary>
    [Id(1)] public required string Subject { get; init; }

    /// <summary>Gets the caller's roles, as named in the credential.</summary>
    [Id(2)] public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>Gets the caller's IP address as the edge saw it, if known.</summary>
    [Id(3)] public string? IpAddress { get; init; }

    /// <summary>Gets attributes of the caller that RBAC conditions may test (claim type → value).</summary>
    [Id(4)] public ImmutableDictionary<string, string> Attributes { get; init; } = ImmutableDictionary<string, string>.Empty;
}
