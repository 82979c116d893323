using System.Text.Json;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Reads an OAuth-style body that may come as <c>application/x-www-form-urlencoded</c> or as JSON.</summary>
internal static class FormOrJson
{
    /// <summary>Reads the body's fields; <see langword="null"/> when the content type is neither (415).</summary>
    /// <exception cref="BadHttpRequestException">The body is malformed.</exception>
    public static async Task<IReadOnlyDictionary<string, string?>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        }

        if (!request.HasJsonContentType()) return request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType) ? new Dictionary<string, string?>() : null;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (json.RootElement.ValueKind != JsonValueKind.Object) throw new BadHttpRequestException("The body must be a JSON object.");
            return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(), StringComparer.Ordinal);
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException("The body is not valid JSON.", exception);
        }
    }
}
