using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TDeveloper.Client;

/// <summary>Turns the API's RFC 7807 problem details into <see cref="TDeveloperException"/>s, in this one place for the remote transport.</summary>
internal static class ProblemErrors
{
    public static async Task<TDeveloperException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? detail = null;
        var errors = ImmutableDictionary<string, ImmutableArray<string>>.Empty;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length > 0)
            {
                using var problem = JsonDocument.Parse(text);
                var root = problem.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    detail = String(root, "detail") ?? String(root, "title");
                    if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                    {
                        errors = fields.EnumerateObject().ToImmutableDictionary(
                            f => f.Name,
                            f => f.Value.ValueKind == JsonValueKind.Array ? f.Value.EnumerateArray().Select(e => e.ToString()).ToImmutableArray() : [f.Value.ToString()]);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // not a problem document (a proxy's page): the status alone decides
        }

        var status = (int)response.StatusCode;
        var message = detail ?? $"The API answered {status} {response.ReasonPhrase}.";
        if (errors.Count > 0 && detail is null or "One or more validation errors occurred.")
            message = string.Join(" ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}")));
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new TDeveloperNotFoundException(message),
            HttpStatusCode.Conflict => new TDeveloperConflictException(message),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType
                => new TDeveloperValidationException(message, errors),
            HttpStatusCode.TooManyRequests => new TDeveloperLimitReachedException(message, RetryAfter(response.Headers.RetryAfter)),
            HttpStatusCode.Forbidden => new TDeveloperAccessDeniedException(message),
            HttpStatusCode.Unauthorized => new TDeveloperUnauthenticatedException(message),
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => new TDeveloperUnavailableException(message),
            _ => new TDeveloperException(message, status),
        };
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}
