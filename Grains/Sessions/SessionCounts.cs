namespace TDeveloper.Grains.Sessions;

/// <summary>
/// The logic of the cluster-wide session counter, free of Orleans: it keeps each tenant's count of sessions that have
/// not ended, as that tenant's index last reported it. Reports are absolute counts, not increments, so a repeated report
/// changes nothing and a slot cannot be released twice.
/// </summary>
public static class SessionCounts
{
    /// <summary>Sets the tenant's count to <paramref name="live"/> if the cluster's total then stays within <paramref name="maxPerCluster"/> (a lower count always fits); returns whether it was set.</summary>
    public static bool TrySet(Dictionary<string, int> counts, string tenant, int live, int maxPerCluster)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var current = counts.GetValueOrDefault(tenant);
        if (live > current && counts.Values.Sum() - current + live > maxPerCluster) return false;
        Set(counts, tenant, live);
        return true;
    }

    /// <summary>Sets the tenant's count (a release: the index reports how many it has left).</summary>
    public static void Set(Dictionary<string, int> counts, string tenant, int live)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (live <= 0) counts.Remove(tenant);
        else counts[tenant] = live;
    }
}
