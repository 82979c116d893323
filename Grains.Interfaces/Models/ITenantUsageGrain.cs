namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>A tenant's model usage, summed over all its sessions (key: the tenant).</summary>
public interface ITenantUsageGrain : IGrainWithStringKey
{
    /// <summary>Adds the usage of one model call.</summary>
    Task AddAsync(string model, ModelUsage usage);

    /// <summary>Gets the tenant's usage so far.</summary>
    Task<UsageBreakdown> GetAsync();
}
