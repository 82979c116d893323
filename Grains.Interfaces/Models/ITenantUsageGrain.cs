using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>A tenant's model usage, summed over all its sessions (key: the tenant).</summary>
[TenantScoped("usage", KeyIsTenant = true)]
public interface ITenantUsageGrain : IGrainWithStringKey
{
    /// <summary>Adds the usage of one model call.</summary>
    [SystemOnly]
    Task AddAsync(string model, ModelUsage usage);

    /// <summary>Gets the tenant's usage so far.</summary>
    [RequiresPermission(Permissions.UsageRead)]
    Task<UsageBreakdown> GetAsync();
}
