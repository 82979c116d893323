using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>Tokens and cost in total and per model, for a session or a tenant.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.UsageBreakdown")]
public sealed record UsageBreakdown
{
    /// <summary>Gets the total over every model.</summary>
    [Id(0)] public ModelUsage Total { get; init; } = ModelUsage.None;

    /// <summary>Gets the usage of each model, by catalog id.</summary>
    [Id(1)] public ImmutableSortedDictionary<string, ModelUsage> ByModel { get; init; } = ImmutableSortedDictionary<string, ModelUsage>.Empty;

    /// <summary>Gets the usage per workflow (for a session), by workflow id; empty for a tenant.</summary>
    [Id(2)] public ImmutableSortedDictionary<string, ModelUsage> ByWorkflow { get; init; } = ImmutableSortedDictionary<string, ModelUsage>.Empty;

    /// <summary>Gets when counting began (for a tenant: its first model call).</summary>
    [Id(3)] public DateTimeOffset? Since { get; init; }

    /// <summary>Adds <paramref name="usage"/> of <paramref name="model"/>.</summary>
    public UsageBreakdown Add(string model, ModelUsage usage) => this with
    {
        Total = Total + usage,
        ByModel = ByModel.SetItem(model, (ByModel.GetValueOrDefault(model) ?? ModelUsage.None) + usage),
    };
}
