using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Sessions;

/// <summary>The cluster-wide count of sessions that have not ended (key 0), kept per tenant by the tenants' session indexes; not part of the client contract.</summary>
public interface ISessionCountGrain : IGrainWithIntegerKey
{
    /// <summary>Sets the tenant's count to <paramref name="live"/> if the cluster stays within its limit; returns whether it did (once durable).</summary>
    [SystemOnly]
    Task<bool> TrySetAsync(string tenant, int live);

    /// <summary>Sets the tenant's count to <paramref name="live"/> whatever the limit (after sessions ended); repeating it changes nothing.</summary>
    [SystemOnly]
    Task SetAsync(string tenant, int live);
}
