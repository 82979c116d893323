namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>
/// Decides whether a caller may perform an action on a resource, under the RBAC policy of the caller's tenant
/// (built-in roles, configured roles, and the tenant's own roles). Hosts cache each tenant's policy briefly.
/// </summary>
public interface IAccessPolicy
{
    /// <summary>Decides whether <paramref name="caller"/> may perform <paramref name="action"/> (a <see cref="Permissions"/> action) on <paramref name="resource"/> (<c>tenants/{tenant}/…</c>).</summary>
    ValueTask<AccessDecision> EvaluateAsync(CallerIdentity caller, string action, string resource, CancellationToken cancellationToken = default);

    /// <summary>Drops the cached policy of <paramref name="tenant"/>, so the next decision reads it again (after an admin changed it through this host).</summary>
    void Invalidate(string tenant);
}
