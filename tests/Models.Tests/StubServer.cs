using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TDeveloper.Models.Tests;

/// <summary>A request the stub server received.</summary>
public sealed record StubRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A provider's API played by an ASP.NET Core app on a loopback port: every request is recorded and answered by the
/// test's <see cref="Respond"/>, in the provider's wire format (JSON, SSE or NDJSON).
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServer(WebApplication app) => _app = app;

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    public Func<StubRequest, HttpResponse, Task> Respond { get; set; } = (_, response) => { response.StatusCode = 500; return Task.CompletedTask; };

    public Uri Url { get; private set; } = null!;

    public StubRequest LastRequest => Requests.Last();

    public static async Task<StubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new StubServer(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = new StubRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body);
            server.Requests.Enqueue(request);
            await server.Respond(request, context.Response);
        });
        await app.StartAsync();
        server.Url = new Uri(app.Urls.Single());
        return server;
    }

    public static async Task JsonAsync(HttpResponse response, string json, int status = 200, params (string Name, string Value)[] headers)
    {
        response.StatusCode = status;
        foreach (var (name, value) in headers) response.Headers[name] = value;
        response.ContentType = "application/json";
        await response.WriteAsync(json);
    }

    /// <summary>Writes server-sent events, one flush each, so the client reads them as they come.</summary>
    public static async Task SseAsync(HttpResponse response, IEnumerable<(string? Event, string Data)> events)
    {
        response.ContentType = "text/event-stream";
        foreach (var (name, data) in events)
        {
            await response.WriteAsync((name is null ? "" : $"event: {name}\n") + $"data: {data}\n\n");
            await response.Body.FlushAsync();
        }
    }

    /// <summary>Writes newline-delimited JSON (Ollama's streaming format), one flush per line.</summary>
    public static async Task NdjsonAsync(HttpResponse response, IEnumerable<string> lines)
    {
        response.ContentType = "application/x-ndjson";
        foreach (var line in lines)
        {
            await response.WriteAsync(line + "\n");
            await response.Body.FlushAsync();
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
