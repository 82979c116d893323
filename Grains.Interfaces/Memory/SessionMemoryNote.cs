using TDeveloper.Grains.Agents.Memory;

namespace TDeveloper.Grains.Interfaces.Memory;

/// <summary>A fact an agent shares with its session's memory: a finished step's result, or an item it promoted to long-term memory.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionMemoryNote")]
public sealed record SessionMemoryNote
{
    /// <summary>Gets what the fact is: "result" or "finding".</summary>
    [Id(0)] public string Kind { get; init; } = "";

    /// <summary>Gets the text; the session memory cuts it to its longest item.</summary>
    [Id(1)] public string Text { get; init; } = "";

    /// <summary>Gets the agent that shares it (e.g. CodeAgent).</summary>
    [Id(2)] public string Source { get; init; } = "";

    /// <summary>Gets how much it matters.</summary>
    [Id(3)] public MemoryImportance Importance { get; init; }

    /// <summary>Gets the text's embedding when the sender has one (with an embedding model configured), so it is not computed twice.</summary>
    [Id(4)] public MemoryVector? Vector { get; init; }
}
