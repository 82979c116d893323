namespace TDeveloper.Grains.Interfaces.Memory;

/// <summary>What an agent asks of its session's memory for one model call.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionMemoryQuery")]
public sealed record SessionMemoryQuery
{
    /// <summary>Gets the task the context is for: its keywords (and embedding) rank the items.</summary>
    [Id(0)] public string Task { get; init; } = "";

    /// <summary>Gets the task's embedding, when the agent has one; items are then also ranked by similarity.</summary>
    [Id(1)] public MemoryVector? Vector { get; init; }

    /// <summary>Gets the most tokens the context may take.</summary>
    [Id(2)] public int TokenBudget { get; init; }

    /// <summary>Gets the characters counted per token.</summary>
    [Id(3)] public int CharsPerToken { get; init; } = 4;

    /// <summary>Gets the agent asking: items it shared itself are left out (it remembers them in its own memory).</summary>
    [Id(4)] public string? ExcludeSource { get; init; }
}
