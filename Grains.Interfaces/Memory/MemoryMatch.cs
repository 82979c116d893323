using System.Collections.Immutable;
using TDeveloper.Grains.Agents.Memory;

namespace TDeveloper.Grains.Interfaces.Memory;

/// <summary>One item found by a memory search, with how it scored.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.MemoryMatch")]
public sealed record MemoryMatch
{
    /// <summary>Gets the item's id, unique within the memory.</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets what the item is ("result", "finding", "instruction", "error").</summary>
    [Id(1)] public string Kind { get; init; } = "";

    /// <summary>Gets the item's text.</summary>
    [Id(2)] public string Text { get; init; } = "";

    /// <summary>Gets the agent that shared the item; null for an agent's own item.</summary>
    [Id(3)] public string? Source { get; init; }

    /// <summary>Gets how much the item matters.</summary>
    [Id(4)] public MemoryImportance Importance { get; init; }

    /// <summary>Gets the tier the item is in.</summary>
    [Id(5)] public MemoryTier Tier { get; init; }

    /// <summary>Gets when the item was remembered.</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets how many times the item was put into a context.</summary>
    [Id(7)] public int AccessCount { get; init; }

    /// <summary>Gets the relevance the item was ranked by (see the memory docs for the formula).</summary>
    [Id(8)] public double Score { get; init; }

    /// <summary>Gets the share of the query's keywords the item holds, 0 to 1.</summary>
    [Id(9)] public double KeywordOverlap { get; init; }

    /// <summary>Gets the cosine similarity of the item's embedding with the query's; null when either has none.</summary>
    [Id(10)] public double? Similarity { get; init; }
}

/// <summary>The answer of a memory search.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.MemorySearchResult")]
public sealed record MemorySearchResult
{
    /// <summary>Gets the items found, most relevant first.</summary>
    [Id(0)] public ImmutableArray<MemoryMatch> Items { get; init; } = [];

    /// <summary>Gets whether the query was embedded, so items were ranked by vector similarity as well as by keywords.</summary>
    [Id(1)] public bool VectorSearch { get; init; }

    /// <summary>Gets how many items the memory holds in all.</summary>
    [Id(2)] public int Total { get; init; }
}
