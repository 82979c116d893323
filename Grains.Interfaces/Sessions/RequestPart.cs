namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>One typed part of a request: text, or the bytes of an image, a recording or a document.</summary>
/// <remarks>What each kind may hold, and how large, is in <see cref="RequestPartLimits"/>; <see cref="RequestPartLimits.Validate"/> checks it.</remarks>
[GenerateSerializer, Immutable, Alias("TDeveloper.RequestPart")]
public sealed record RequestPart
{
    /// <summary>Gets what the part holds.</summary>
    [Id(0)] public RequestPartKind Kind { get; init; }

    /// <summary>Gets the media type, e.g. <c>image/png</c>; for text, <c>text/plain</c> when not set.</summary>
    [Id(1)] public string ContentType { get; init; } = "";

    /// <summary>Gets the part's name (a file name, for example), when the caller gave one.</summary>
    [Id(2)] public string? Name { get; init; }

    /// <summary>Gets the text of a <see cref="RequestPartKind.Text"/> part.</summary>
    [Id(3)] public string? Text { get; init; }

    /// <summary>Gets the bytes of an image, audio or document part.</summary>
    [Id(4)] public byte[]? Data { get; init; }

    /// <summary>Gets the size the part counts against the limits: UTF-16 characters of text, or bytes of data.</summary>
    public long Size => Kind == RequestPartKind.Text ? Text?.Length ?? 0 : Data?.LongLength ?? 0;
}
