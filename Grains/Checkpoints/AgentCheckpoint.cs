using System.Collections.Immutable;
using TDeveloper.Grains.Agents.Memory;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>One agent of a session in a checkpoint: its statistics and every memory item of every tier, with importance and access statistics.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentCheckpoint")]
public sealed record AgentCheckpoint
{
    /// <summary>Gets the agent's name (one of <see cref="Interfaces.Agents.AgentNames.All"/>).</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Gets how many tasks it completed.</summary>
    [Id(1)] public int TasksCompleted { get; init; }

    /// <summary>Gets how many task attempts failed.</summary>
    [Id(2)] public int TasksFailed { get; init; }

    /// <summary>Gets the model's total working time.</summary>
    [Id(3)] public TimeSpan TotalModelTime { get; init; }

    /// <summary>Gets the tokens the model reported in all.</summary>
    [Id(4)] public long TotalTokens { get; init; }

    /// <summary>Gets the memory items of every tier (working, short-term, long-term), oldest first.</summary>
    [Id(5)] public ImmutableArray<MemoryItem> Memory { get; init; } = [];
}
