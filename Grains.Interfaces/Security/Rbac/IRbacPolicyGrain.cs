using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>
/// A tenant's own RBAC roles and rules (key: the tenant), durable. Every change is validated against the built-in and
/// configured roles first (unknown inherited roles, inheritance cycles, bad patterns, CIDRs or windows are refused,
/// every problem listed). Hosts read it through a short-lived cache.
/// </summary>
[TenantScoped("rbac", KeyIsTenant = true)]
public interface IRbacPolicyGrain : IGrainWithStringKey
{
    /// <summary>Gets every role the tenant can use (built-in, configured, its own), each with its layers, ordered by name.</summary>
    [RequiresPermission(Permissions.SecurityManage)]
    Task<ImmutableArray<RoleView>> ListRolesAsync();

    /// <summary>Gets one role with its layers, or <see langword="null"/> when no source defines it.</summary>
    [RequiresPermission(Permissions.SecurityManage)]
    Task<RoleView?> GetRoleAsync(string name);

    /// <summary>Creates or replaces the tenant's definition of a role (for a built-in or configured name, its additions).</summary>
    /// <returns><see cref="CommandOutcome.Ok"/> with the role; <see cref="CommandOutcome.Invalid"/> listing every problem of the policy it would make.</returns>
    [RequiresPermission(Permissions.SecurityManage)]
    Task<CommandResult<RoleView>> PutRoleAsync(RoleDefinition role);

    /// <summary>Deletes the tenant's definition of a role (built-in and configured layers stay).</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the deleted definition; <see cref="CommandOutcome.NotFound"/> when the tenant has
    /// none; <see cref="CommandOutcome.Conflict"/> when another of its roles still inherits it.
    /// </returns>
    [RequiresPermission(Permissions.SecurityManage)]
    Task<CommandResult<RoleDefinition>> DeleteRoleAsync(string name);

    /// <summary>Gets the tenant's own roles, for the hosts' policy caches. Interleaves with everything, so a cache can read while the grain serves a call.</summary>
    [SystemOnly, Orleans.Concurrency.AlwaysInterleave]
    Task<TenantRbacPolicy> GetPolicyAsync();
}
