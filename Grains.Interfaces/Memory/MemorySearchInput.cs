using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Interfaces.Memory;

/// <summary>A search of a session's memory.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.MemorySearchInput")]
public sealed record MemorySearchInput
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxQueryLength = 1_000;

    /// <summary>The most items one search returns.</summary>
    public const int MaxLimit = 100;

    /// <summary>The items returned when the caller names no limit.</summary>
    public const int DefaultLimit = 20;

    /// <summary>
    /// Gets the query. Items sharing a keyword with it, or (with an embedding model) similar enough in meaning, are returned,
    /// most relevant first; empty returns every item, most relevant first by importance and recency.
    /// </summary>
    [Id(0), MaxLength(MaxQueryLength)] public string Query { get; init; } = "";

    /// <summary>Gets the most items to return, 1 to <see cref="MaxLimit"/>. Default <see cref="DefaultLimit"/>.</summary>
    [Id(1), Range(1, MaxLimit)] public int Limit { get; init; } = DefaultLimit;
}
