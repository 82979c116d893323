using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models;

/// <summary>The persisted usage of a tenant.</summary>
[GenerateSerializer, Alias("TDeveloper.TenantUsageState")]
public sealed class TenantUsageState
{
    /// <summary>Gets or sets the usage so far.</summary>
    [Id(0)] public UsageBreakdown Usage { get; set; } = new();
}
