using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>
/// Keeps a tenant's own RBAC roles durably; every change is validated with the built-in and configured roles first, and
/// drops this silo's cached copy of the tenant's policy (other hosts refresh within <see cref="RbacOptions.RefreshInterval"/>).
/// </summary>
public sealed class RbacPolicyGrain(
    [PersistentState("rbac", StorageNames.State)] IPersistentState<RbacPolicyState> state,
    IOptions<RbacOptions> options,
    IAccessPolicy accessPolicy) : DurableGrain, IRbacPolicyGrain
{
    private readonly ImmutableArray<RoleDefinition> _configured = options.Value.ToDefinitions();

    /// <inheritdoc/>
    public Task<ImmutableArray<RoleView>> ListRolesAsync() => Task.FromResult(Compiled().Roles);

    /// <inheritdoc/>
    public Task<RoleView?> GetRoleAsync(string name) => Task.FromResult(Compiled().Role(name));

    /// <inheritdoc/>
    public async Task<CommandResult<RoleView>> PutRoleAsync(RoleDefinition role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var roles = state.State.Roles.RemoveAll(existing => existing.Name == role.Name).Add(role).Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var problems = RbacPolicy.Validate(_configured, roles);
        if (!problems.IsEmpty) return CommandResult<RoleView>.Refused(CommandOutcome.Invalid, string.Join(" ", problems));

        await SaveAsync(roles);
        return CommandResult<RoleView>.Ok(Compiled().Role(role.Name)!);
    }

    /// <inheritdoc/>
    public async Task<CommandResult<RoleDefinition>> DeleteRoleAsync(string name)
    {
        if (state.State.Roles.FirstOrDefault(existing => existing.Name == name) is not { } current)
            return CommandResult<RoleDefinition>.Refused(CommandOutcome.NotFound, $"The tenant has no definition of role '{name}'.");

        var roles = state.State.Roles.Remove(current);
        var problems = RbacPolicy.Validate(_configured, roles);
        if (!problems.IsEmpty)
            return CommandResult<RoleDefinition>.Refused(CommandOutcome.Conflict, $"Role '{name}' is still needed: {string.Join(" ", problems)}");

        await SaveAsync(roles);
        return CommandResult<RoleDefinition>.Ok(current);
    }

    /// <inheritdoc/>
    public Task<TenantRbacPolicy> GetPolicyAsync() => Task.FromResult(new TenantRbacPolicy { Roles = state.State.Roles, Version = state.State.Version });

    private async Task SaveAsync(ImmutableArray<RoleDefinition> roles)
    {
        var (previousRoles, previousVersion) = (state.State.Roles, state.State.Version);
        state.State.Roles = roles;
        state.State.Version++;
        try
        {
            await WriteOrReloadAsync(state);
            accessPolicy.Invalidate(this.GetPrimaryKeyString());
        }
        catch
        {
            (state.State.Roles, state.State.Version) = (previousRoles, previousVersion);
            throw;
        }
    }

    /// <summary>The policy as stored; a stored policy that no longer validates (the configuration changed) shows the built-in and configured roles only.</summary>
    private RbacPolicy Compiled()
    {
        try
        {
            return RbacPolicy.Compile(_configured, state.State.Roles);
        }
        catch (RbacPolicyException)
        {
            return RbacPolicy.Compile(_configured, []);
        }
    }
}
