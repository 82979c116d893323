using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api;

/// <summary>
/// Turns the parts of a request body (JSON or multipart) into <see cref="RequestPart"/>s and checks them against
/// <see cref="RequestPartLimits"/> at the edge, so a bad part is refused before the cluster is asked: 413 when a part
/// or the whole is too large, else 415 for a kind or content type not accepted, else 400; the problem names every part.
/// </summary>
internal static class RequestPartsBinder
{
    /// <summary>The name of the problem's extension that lists each part's problem.</summary>
    public const string ProblemsExtension = "parts";

    /// <summary>Gets the parts of a JSON body, or the problem that refuses them.</summary>
    public static (ImmutableArray<RequestPart> Parts, ProblemHttpResult? Problem) FromJson(IReadOnlyList<SubmitRequestPartBody>? bodies)
    {
        if (bodies is null || bodies.Count == 0) return ([], null);
        var parts = ImmutableArray.CreateBuilder<RequestPart>(bodies.Count);
        var problems = new List<RequestPartProblem>();
        for (var i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i] ?? new SubmitRequestPartBody();
            if (!Enum.TryParse<RequestPartKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(body.Kind, out _))
            {
                problems.Add(new(RequestPartProblemKind.Unsupported, i, $"Part {i} has kind '{body.Kind}'; the kinds are text, image, audio and document."));
                continue;
            }

            byte[]? data = null;
            if (body.DataBase64 is { } base64)
            {
                try
                {
                    data = Convert.FromBase64String(base64);
                }
                catch (FormatException)
                {
                    problems.Add(new(RequestPartProblemKind.Invalid, i, $"Part {i} has 'dataBase64' that is not valid base64."));
                    continue;
                }
            }

            parts.Add(new RequestPart { Kind = kind, ContentType = body.ContentType ?? "", Name = body.Name, Text = body.Text, Data = data });
        }

        return problems.Count > 0 ? ([], ToProblem(problems)) : Check(parts.ToImmutable());
    }

    /// <summary>Gets the files of a multipart form as parts (image/* and audio/* by their type, anything else a document), or the problem that refuses them.</summary>
    public static async Task<(ImmutableArray<RequestPart> Parts, ProblemHttpResult? Problem)> FromFormAsync(IFormFileCollection files, CancellationToken cancellationToken)
    {
        var parts = ImmutableArray.CreateBuilder<RequestPart>(files.Count);
        foreach (var file in files)
        {
            using var buffer = new MemoryStream((int)Math.Min(file.Length, RequestPartLimits.MaxTotalBytes));
            await file.CopyToAsync(buffer, cancellationToken);
            var contentType = file.ContentType ?? "";
            var kind = RequestPartLimits.MediaTypeOf(contentType) switch
            {
                var t when t.StartsWith("image/", StringComparison.Ordinal) => RequestPartKind.Image,
                var t when t.StartsWith("audio/", StringComparison.Ordinal) => RequestPartKind.Audio,
                _ => RequestPartKind.Document,
            };
            parts.Add(new RequestPart { Kind = kind, ContentType = contentType, Name = file.FileName, Data = buffer.ToArray() });
        }

        return Check(parts.ToImmutable());
    }

    private static (ImmutableArray<RequestPart>, ProblemHttpResult?) Check(ImmutableArray<RequestPart> parts)
    {
        var problems = RequestPartLimits.Validate(parts);
        return problems.IsEmpty ? (parts, null) : ([], ToProblem(problems));
    }

    private static ProblemHttpResult ToProblem(IReadOnlyList<RequestPartProblem> problems) => TypedResults.Problem(
        string.Join(" ", problems.Select(p => p.Message)),
        statusCode: problems.Any(p => p.Kind == RequestPartProblemKind.TooLarge) ? StatusCodes.Status413PayloadTooLarge
            : problems.Any(p => p.Kind == RequestPartProblemKind.Unsupported) ? StatusCodes.Status415UnsupportedMediaType
            : StatusCodes.Status400BadRequest,
        title: "The request's parts are not accepted",
        extensions: new Dictionary<string, object?>
        {
            [ProblemsExtension] = problems.Select(p => new { index = p.PartIndex, problem = p.Kind.ToString(), message = p.Message }).ToArray(),
        });
}
