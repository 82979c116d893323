using System.Text.Json;
using TDeveloper.Testing;

namespace TDeveloper.Api.Tests;

/// <summary>The OpenAPI document of the running app: only the API, its security declared, and no error from Redocly's <c>recommended</c> rules.</summary>
public class OpenApiLintTests(SiloAppFactory factory, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SiloAppFactory>
{
    [Fact]
    public async Task The_document_lists_only_the_api_and_declares_its_security()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.StartsWith("/v1/", path));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("X-TDev-Signature", schemes.GetProperty("Hmac").GetProperty("name").GetString());
        Assert.Equal(3, document.GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task The_document_passes_the_Redocly_recommended_rules_without_errors()
    {
        var json = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        var file = Path.Combine(Path.GetTempPath(), $"tdev-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var (exitCode, stdout, error) = await NodeToolProcess.RunToCompletionAsync(
                "redocly", "@redocly/cli/bin/cli.js", $"lint \"{file}\" --extends=recommended --format=json --max-problems=1000", TimeSpan.FromMinutes(3));

            var start = stdout.IndexOf('{');
            Assert.True(start >= 0, $"redocly printed no report (exit {exitCode}): {stdout}{error}");
            var report = JsonDocument.Parse(stdout[start..]).RootElement;
            var problems = report.GetProperty("problems").EnumerateArray()
                .Select(p => (Severity: p.GetProperty("severity").GetString(), Rule: p.GetProperty("ruleId").GetString(), Message: p.GetProperty("message").GetString(),
                    Where: string.Join(",", p.GetProperty("location").EnumerateArray().Select(l => l.TryGetProperty("pointer", out var pointer) ? pointer.GetString() : ""))))
                .ToList();
            foreach (var warning in problems.Where(p => p.Severity != "error")) output.WriteLine($"redocly warning {warning.Rule}: {warning.Message} at {warning.Where}");
            var errors = problems.Where(p => p.Severity == "error").ToList();
            Assert.True(errors.Count == 0, "Redocly found errors:\n" + string.Join("\n", errors.Select(e => $"{e.Rule}: {e.Message} at {e.Where}")));
            Assert.Equal(0, exitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
