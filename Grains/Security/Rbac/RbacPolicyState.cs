using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>The persisted RBAC roles of a tenant.</summary>
[GenerateSerializer, Alias("TDeveloper.RbacPolicyState")]
public sealed class RbacPolicyState
{
    /// <summary>Gets or sets the tenant's own roles, ordered by name.</summary>
    [Id(0)] public ImmutableArray<RoleDefinition> Roles { get; set; } = [];

    /// <summary>Gets or sets the number of changes made so far.</summary>
    [Id(1)] public long Version { get; set; }
}
