using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Api;

/// <summary>One part of a <see cref="SubmitRequestBody"/>: <c>{ kind, contentType, name, text | dataBase64 }</c>.</summary>
/// <remarks>The kinds, content types and sizes accepted are in <see cref="Grains.Interfaces.Sessions.RequestPartLimits"/>.</remarks>
public sealed record SubmitRequestPartBody
{
    /// <summary>Gets or sets what the part holds: <c>text</c>, <c>image</c>, <c>audio</c> or <c>document</c>.</summary>
    [MaxLength(16)]
    public string? Kind { get; init; }

    /// <summary>Gets or sets the media type, e.g. <c>image/png</c>; optional for text (<c>text/plain</c>).</summary>
    [MaxLength(255)]
    public string? ContentType { get; init; }

    /// <summary>Gets or sets a name for the part, such as its file name.</summary>
    [MaxLength(256)]
    public string? Name { get; init; }

    /// <summary>Gets or sets the text of a text part.</summary>
    public string? Text { get; init; }

    /// <summary>Gets or sets the bytes of an image, audio or document part, in base64.</summary>
    public string? DataBase64 { get; init; }
}
