using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>
/// The <see cref="IAccessPolicy"/> of a host (silo or gateway): it compiles each tenant's policy (built-in and
/// configured roles plus the tenant's own, read from its <see cref="IRbacPolicyGrain"/>) and keeps it for
/// <see cref="RbacOptions.RefreshInterval"/>. One read per tenant at a time; a failed read is retried by the next decision.
/// </summary>
/// <remarks>
/// A tenant's stored roles that no longer validate (the configuration changed under them) fail closed: every action is
/// denied except managing the tenant's roles, which is decided by the built-in and configured roles so an admin can repair them.
/// </remarks>
public sealed partial class TenantPolicyCache(IGrainFactory grains, IOptions<RbacOptions> options, TimeProvider time, ILogger<TenantPolicyCache> logger) : IAccessPolicy
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ImmutableArray<RoleDefinition> _configured = options.Value.ToDefinitions();
    private readonly TimeSpan _refresh = options.Value.RefreshInterval;
    private RbacPolicy? _base;

    /// <inheritdoc/>
    public async ValueTask<AccessDecision> EvaluateAsync(CallerIdentity caller, string action, string resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var policy = await PolicyOfAsync(caller.Tenant).WaitAsync(cancellationToken);
        var request = new AccessRequest(caller, action, resource, time.GetUtcNow());
        if (policy.Problem is null) return policy.Policy.Evaluate(request);
        if (action == Permissions.SecurityManage && RbacPatterns.MatchesResource(RbacResources.Of(caller.Tenant, "rbac/**"), resource)) return Base.Evaluate(request);
        return AccessDecision.Deny($"the RBAC policy of tenant '{caller.Tenant}' is invalid ({policy.Problem}); an admin must repair its roles.");
    }

    /// <inheritdoc/>
    public void Invalidate(string tenant)
    {
        lock (_entries) _entries.Remove(tenant);
    }

    private RbacPolicy Base => _base ??= RbacPolicy.Compile(_configured, []);

    private Task<Compiled> PolicyOfAsync(string tenant)
    {
        var now = time.GetUtcNow();
        lock (_entries)
        {
            if (!_entries.TryGetValue(tenant, out var entry) || entry.Expires <= now || entry.Load.IsFaulted || entry.Load.IsCanceled)
            {
                // On the thread pool, outside any grain's scheduler, so a read started while serving one grain is not tied to it.
                entry = new Entry(Task.Run(() => LoadAsync(tenant)), now + _refresh);
                _entries[tenant] = entry;
            }

            return entry.Load;
        }
    }

    private async Task<Compiled> LoadAsync(string tenant)
    {
        // The cache reads as the system: the caller of the request that triggered the read must not travel with it.
        CallerContext.Set(null);
        var stored = await grains.GetGrain<IRbacPolicyGrain>(tenant).GetPolicyAsync();
        try
        {
            return new Compiled(RbacPolicy.Compile(_configured, stored.Roles), null);
        }
        catch (RbacPolicyException invalid)
        {
            LogInvalidTenantPolicy(tenant, invalid.Message);
            return new Compiled(Base, invalid.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The RBAC policy of tenant {Tenant} does not validate; its callers are denied until an admin repairs it: {Problems}")]
    private partial void LogInvalidTenantPolicy(string tenant, string problems);

    private sealed record Entry(Task<Compiled> Load, DateTimeOffset Expires);

    private sealed record Compiled(RbacPolicy Policy, string? Problem);
}
