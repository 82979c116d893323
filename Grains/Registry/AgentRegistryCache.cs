using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Registry;

namespace TDeveloper.Grains.Registry;

/// <summary>
/// This silo's copy of each tenant's registry, for plan checks and agents: read from the tenant's
/// <see cref="IAgentRegistryGrain"/> at most once per <see cref="AgentRegistryOptions.RegistryCacheTtl"/> (or when a plan names
/// a type the copy lacks), so a step costs no registry call. The registry's own silo is updated at once on every change.
/// </summary>
public sealed class AgentRegistryCache(IGrainFactory grains, IOptions<AgentRegistryOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (AgentRegistryView View, DateTimeOffset At)> _tenants = new(StringComparer.Ordinal);

    /// <summary>Gets how long a copy is used.</summary>
    public TimeSpan Ttl => options.Value.RegistryCacheTtl;

    /// <summary>Gets the tenant's registry, read again when the copy is older than the TTL or lacks one of <paramref name="names"/>.</summary>
    public async ValueTask<AgentRegistryView> GetAsync(string tenant, IEnumerable<string>? names = null)
    {
        if (_tenants.TryGetValue(tenant, out var known) && time.GetUtcNow() - known.At < Ttl && (names is null || names.All(known.View.Contains))) return known.View;
        var types = await grains.GetGrain<IAgentRegistryGrain>(tenant).ListAsync();
        var view = new AgentRegistryView(types);
        _tenants[tenant] = (view, time.GetUtcNow());
        return view;
    }

    /// <summary>Replaces the copy of <paramref name="tenant"/> (the registry calls it after each change).</summary>
    public void Put(string tenant, IEnumerable<AgentTypeInfo> types) => _tenants[tenant] = (new AgentRegistryView(types), time.GetUtcNow());
}
