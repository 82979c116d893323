using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TDeveloper.ServiceDefaults;

/// <summary>Writes a health report as JSON: the overall status and, per check, its name, status, description, duration and data.</summary>
/// <remarks>Exception messages are left out (they may name hosts or keys): a failed check shows its description and the exception's type (<c>error</c>); the message is in the log.</remarks>
public static class HealthResponseWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    /// <summary>Writes <paramref name="report"/> to the response as <c>application/json</c>.</summary>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Description ?? (entry.Exception is null ? null : "failed: " + entry.Exception.GetType().Name));
                json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
                if (entry.Exception is not null) json.WriteString("error", entry.Exception.GetType().Name);
                json.WriteStartArray("tags");
                foreach (var tag in entry.Tags) json.WriteStringValue(tag);
                json.WriteEndArray();
                if (entry.Data.Count > 0)
                {
                    json.WriteStartObject("data");
                    foreach (var (key, value) in entry.Data) json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray());
    }
}
