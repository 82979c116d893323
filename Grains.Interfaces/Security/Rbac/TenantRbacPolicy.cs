using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>A tenant's own roles (custom roles, and additions to built-in or configured ones), as the hosts' caches read them.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.TenantRbacPolicy")]
public sealed record TenantRbacPolicy
{
    /// <summary>Gets the tenant's roles, ordered by name.</summary>
    [Id(0)] public ImmutableArray<RoleDefinition> Roles { get; init; } = [];

    /// <summary>Gets the number of changes made so far (0 for a tenant that never defined a role).</summary>
    [Id(1)] public long Version { get; init; }
}

/// <summary>Where a layer of a role comes from.</summary>
public enum RoleSource
{
    /// <summary>Built into T-Developer (<see cref="BuiltInRoles"/>).</summary>
    BuiltIn,

    /// <summary>The host's configuration (<c>TDeveloper:Security:Rbac:Roles</c>), for every tenant.</summary>
    Configuration,

    /// <summary>The tenant's own definition, made through the admin API.</summary>
    Tenant,
}

/// <summary>One layer of a role: its definition from one source.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RoleLayer")]
public sealed record RoleLayer
{
    /// <summary>Gets where the layer comes from.</summary>
    [Id(0)] public RoleSource Source { get; init; }

    /// <summary>Gets the definition from that source.</summary>
    [Id(1)] public required RoleDefinition Definition { get; init; }
}

/// <summary>A role as a tenant sees it: every layer that defines it, built-in first, then configuration, then the tenant's own.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RoleView")]
public sealed record RoleView
{
    /// <summary>Gets the role's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Gets the layers that define it.</summary>
    [Id(1)] public ImmutableArray<RoleLayer> Layers { get; init; } = [];
}
