using Microsoft.Extensions.Options;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Sessions;

/// <summary>
/// Hosts <see cref="SessionCounts"/> for the whole cluster. Not reentrant: the indexes' reports are applied one turn at a
/// time, so two tenants creating at once cannot both take the cluster's last slot.
/// </summary>
public sealed class SessionCountGrain(
    [PersistentState("sessionCount", StorageNames.State)] IPersistentState<SessionCountState> state,
    IOptions<SessionOptions> options) : DurableGrain, ISessionCountGrain
{
    /// <inheritdoc/>
    public async Task<bool> TrySetAsync(string tenant, int live)
    {
        if (state.State.Tenants.GetValueOrDefault(tenant) == live) return true;
        if (!SessionCounts.TrySet(state.State.Tenants, tenant, live, options.Value.MaxConcurrentPerCluster)) return false;
        await WriteOrReloadAsync(state);
        return true;
    }

    /// <inheritdoc/>
    public Task SetAsync(string tenant, int live)
    {
        if (state.State.Tenants.GetValueOrDefault(tenant) == live) return Task.CompletedTask;
        SessionCounts.Set(state.State.Tenants, tenant, live);
        return WriteOrReloadAsync(state);
    }
}
