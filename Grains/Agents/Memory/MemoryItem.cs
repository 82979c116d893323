namespace TDeveloper.Grains.Agents.Memory;

/// <summary>One thing an agent or a session remembers: a task's instruction or result, a shared finding. Persisted items have their text sealed.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.MemoryItem")]
public sealed record MemoryItem
{
    /// <summary>Gets the id, unique within the agent; it names the item's sealed text.</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets what the item is: "instruction", "result", "error" or (shared with a session) "finding".</summary>
    [Id(1)] public string Kind { get; init; } = "";

    /// <summary>Gets the text, at most <see cref="Options.MemoryOptions.MaxItemChars"/> characters.</summary>
    [Id(2)] public string Text { get; init; } = "";

    /// <summary>Gets how much the item matters.</summary>
    [Id(3)] public MemoryImportance Importance { get; init; }

    /// <summary>Gets the tier the item is in.</summary>
    [Id(4)] public MemoryTier Tier { get; init; }

    /// <summary>Gets when the item was remembered.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the item was last remembered or recalled.</summary>
    [Id(6)] public DateTimeOffset LastAccessedAt { get; init; }

    /// <summary>Gets how many times the item was recalled.</summary>
    [Id(7)] public int AccessCount { get; init; }

    /// <summary>Gets when a short-term item expires; null in the other tiers.</summary>
    [Id(8)] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets the agent that shared the item with its session's memory; null for an agent's own item.</summary>
    [Id(9)] public string? Source { get; init; }
}
