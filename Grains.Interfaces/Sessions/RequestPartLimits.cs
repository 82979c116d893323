using System.Collections.Frozen;
using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>
/// What a request's <see cref="RequestPart"/>s may hold: the content types of each kind and the sizes, checked at the
/// HTTP edge and again by the session.
/// </summary>
/// <remarks>
/// The whole request travels as one Orleans message (HTTP edge → session → workflow) and is journalled once with the
/// workflow; <see cref="MaxTotalBytes"/> (20 MiB) keeps it a fifth of Orleans' default <c>MaxMessageBodySize</c> (100 MB),
/// and the per-kind limits follow what hosted models take in one call (Bedrock: 3.75 MB per image, 4.5 MB per document).
/// </remarks>
public static class RequestPartLimits
{
    /// <summary>The most parts in one request.</summary>
    public const int MaxParts = 10;

    /// <summary>The most characters of one text part (64 Ki).</summary>
    public const int MaxTextChars = 64 * 1024;

    /// <summary>The most bytes of one image (5 MiB).</summary>
    public const int MaxImageBytes = 5 * 1024 * 1024;

    /// <summary>The most bytes of one recording (10 MiB).</summary>
    public const int MaxAudioBytes = 10 * 1024 * 1024;

    /// <summary>The most bytes of one document (5 MiB).</summary>
    public const int MaxDocumentBytes = 5 * 1024 * 1024;

    /// <summary>The most bytes (or characters, for text) of all parts together (20 MiB).</summary>
    public const long MaxTotalBytes = 20 * 1024 * 1024;

    /// <summary>The content type of a text part that names none.</summary>
    public const string DefaultTextContentType = "text/plain";

    /// <summary>The content types each kind accepts.</summary>
    public static readonly FrozenDictionary<RequestPartKind, ImmutableArray<string>> ContentTypes = new Dictionary<RequestPartKind, ImmutableArray<string>>
    {
        [RequestPartKind.Text] = ["text/plain", "text/markdown"],
        [RequestPartKind.Image] = ["image/png", "image/jpeg", "image/gif", "image/webp"],
        [RequestPartKind.Audio] = ["audio/wav", "audio/x-wav", "audio/mpeg", "audio/mp3", "audio/ogg", "audio/webm", "audio/flac"],
        [RequestPartKind.Document] =
        [
            "application/pdf", "text/plain", "text/markdown", "text/csv", "text/html",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ],
    }.ToFrozenDictionary();

    /// <summary>Gets the largest size of one part of <paramref name="kind"/>: characters for text, bytes otherwise.</summary>
    public static long MaxSizeOf(RequestPartKind kind) => kind switch
    {
        RequestPartKind.Text => MaxTextChars,
        RequestPartKind.Image => MaxImageBytes,
        RequestPartKind.Audio => MaxAudioBytes,
        _ => MaxDocumentBytes,
    };

    /// <summary>Gets the media type of <paramref name="contentType"/> in lower case, without parameters such as <c>; charset=utf-8</c>.</summary>
    public static string MediaTypeOf(string? contentType) =>
        (contentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();

    /// <summary>Checks every part and the request as a whole, and reports every problem at once (empty when the parts are acceptable).</summary>
    public static ImmutableArray<RequestPartProblem> Validate(IReadOnlyList<RequestPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var problems = ImmutableArray.CreateBuilder<RequestPartProblem>();
        if (parts.Count > MaxParts) problems.Add(new(RequestPartProblemKind.Invalid, null, $"The request has {parts.Count} parts; at most {MaxParts} are accepted."));
        long total = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            total += part.Size;
            if (ProblemWith(part, i) is { } problem) problems.Add(problem);
        }

        if (total > MaxTotalBytes) problems.Add(new(RequestPartProblemKind.TooLarge, null, $"The parts hold {total} bytes together; at most {MaxTotalBytes} (20 MiB) are accepted."));
        return problems.ToImmutable();
    }

    private static RequestPartProblem? ProblemWith(RequestPart part, int index)
    {
        var at = $"Part {index}";
        if (!Enum.IsDefined(part.Kind)) return new(RequestPartProblemKind.Unsupported, index, $"{at} has kind '{part.Kind}'; the kinds are {string.Join(", ", Enum.GetNames<RequestPartKind>())}.");

        var mediaType = MediaTypeOf(part.ContentType);
        var allowed = ContentTypes[part.Kind];
        if (!(part.Kind == RequestPartKind.Text && mediaType.Length == 0) && !allowed.Contains(mediaType))
            return new(RequestPartProblemKind.Unsupported, index, $"{at} ({part.Kind}) has content type '{part.ContentType}'; a {part.Kind} part may be {string.Join(", ", allowed)}.");

        if (part.Kind == RequestPartKind.Text)
        {
            if (part.Data is { Length: > 0 }) return new(RequestPartProblemKind.Invalid, index, $"{at} is text but carries data; put the text in 'text'.");
            if (string.IsNullOrWhiteSpace(part.Text)) return new(RequestPartProblemKind.Invalid, index, $"{at} is an empty text.");
        }
        else
        {
            if (part.Text is not null) return new(RequestPartProblemKind.Invalid, index, $"{at} ({part.Kind}) carries text; its bytes belong in the data.");
            if (part.Data is not { Length: > 0 }) return new(RequestPartProblemKind.Invalid, index, $"{at} ({part.Kind}) has no data.");
        }

        var max = MaxSizeOf(part.Kind);
        return part.Size > max
            ? new(RequestPartProblemKind.TooLarge, index, $"{at} ({part.Kind}) holds {part.Size} {(part.Kind == RequestPartKind.Text ? "characters" : "bytes")}; at most {max} are accepted.")
            : null;
    }
}
