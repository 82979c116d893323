namespace TDeveloper.Grains.Interfaces.Memory;

/// <summary>The part of a model call's context that comes from the session's memory.</summary>
/// <param name="Text">The text to add to the call: a header and one line per item; empty when nothing fits or nothing is held.</param>
/// <param name="Items">How many items the text holds.</param>
/// <param name="Tokens">The estimated tokens of <paramref name="Text"/>.</param>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionMemoryContext")]
public sealed record SessionMemoryContext([property: Id(0)] string Text, [property: Id(1)] int Items, [property: Id(2)] int Tokens)
{
    /// <summary>Gets the empty context.</summary>
    public static SessionMemoryContext Empty { get; } = new("", 0, 0);
}
