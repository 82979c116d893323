using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Agents.Balancing;

/// <summary>A session's agent instances and how tasks are spread over them.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentPoolSnapshot")]
public sealed record AgentPoolSnapshot
{
    /// <summary>Gets the instances, by type then number.</summary>
    [Id(0)] public ImmutableArray<AgentInstanceLoad> Instances { get; init; } = [];

    /// <summary>Gets the strategy each type in use balances with.</summary>
    [Id(1)] public ImmutableDictionary<string, BalancingStrategy> Strategies { get; init; } = ImmutableDictionary<string, BalancingStrategy>.Empty;

    /// <summary>Gets the most agent instances the session may have at once.</summary>
    [Id(2)] public int MaxAgents { get; init; }

    /// <summary>Gets the tasks given to a busy instance because every instance was at its limit and no new one could start.</summary>
    [Id(3)] public long Overflowed { get; init; }
}
