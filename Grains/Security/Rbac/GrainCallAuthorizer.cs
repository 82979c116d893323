using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>A refused grain call: the action (permission, or the method for a system-only call), the resource and why.</summary>
/// <param name="Action">The permission refused, or the method's name for a system-only method.</param>
/// <param name="Resource">The resource of the call.</param>
/// <param name="Reason">Why, for a person to read.</param>
public sealed record GrainCallDenial(string Action, string Resource, string Reason)
{
    /// <summary>Gets the exception the caller receives.</summary>
    public AccessDeniedException ToException() => new(Action, Resource, Reason);
}

/// <summary>
/// Decides a grain call that carries a caller: (a) the key of a tenant-scoped grain must be in the caller's tenant,
/// whoever makes the call; (b) a call from outside the cluster's grains (a client: the API, the gateway, a test's
/// cluster client) must not be to a system-only method, and must be allowed the method's permission by RBAC. Calls a
/// grain makes while serving a checked call (session → workflow → agent) carry the same caller but are not checked
/// again for permissions: the call that entered the cluster was.
/// </summary>
public static class GrainCallAuthorizer
{
    /// <summary>Decides the call; <see langword="null"/> when it may go ahead.</summary>
    /// <param name="access">What the method declares.</param>
    /// <param name="key">The target grain's key (its string form).</param>
    /// <param name="caller">The caller the call carries.</param>
    /// <param name="fromOutside">Whether the call comes from outside the cluster's grains.</param>
    /// <param name="policy">The RBAC policy.</param>
    /// <param name="cancellationToken">Cancels the policy's read.</param>
    public static async ValueTask<GrainCallDenial?> AuthorizeAsync(GrainMethodAccess access, string key, CallerIdentity caller, bool fromOutside, IAccessPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(policy);
        var resource = access.ResourceOf(key, caller.Tenant);
        if (access.Scope is not null)
        {
            var tenant = access.TenantOf(key);
            if (tenant is null) return new(access.Permission?.Permission ?? access.Name, resource, $"the key '{key}' of {access.Name} names no tenant.");
            if (!string.Equals(tenant, caller.Tenant, StringComparison.Ordinal))
                return new(access.Permission?.Permission ?? access.Name, resource, $"tenant isolation: {access.Name} of tenant '{tenant}' called by a caller of tenant '{caller.Tenant}'.");
        }

        if (!fromOutside) return null;
        if (access.SystemOnly) return new(access.Name, resource, $"{access.Name} is the system's own; no user may call it.");
        if (access.Permission is null) return new(access.Name, resource, $"{access.Name} declares no permission; denied by default.");

        var decision = await policy.EvaluateAsync(caller, access.Permission.Permission, resource, cancellationToken);
        return decision.Allowed ? null : new(access.Permission.Permission, resource, decision.Reason);
    }
}
