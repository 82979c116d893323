using System.Collections.Immutable;

namespace TDeveloper.Grains.Agents.Memory;

/// <summary>The memory put into one model call: its text, the items in it (most relevant first) and its estimated tokens.</summary>
/// <param name="Text">The text to add to the call; empty when nothing fits or nothing is remembered.</param>
/// <param name="Items">The items in the text, most relevant first, as they were before being recalled.</param>
/// <param name="Tokens">The estimated tokens of <paramref name="Text"/>: its characters divided by the characters per token, rounded up.</param>
public sealed record MemoryContext(string Text, ImmutableArray<MemoryItem> Items, int Tokens)
{
    /// <summary>Gets the empty context.</summary>
    public static MemoryContext Empty { get; } = new("", [], 0);
}
