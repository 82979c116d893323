using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Aws.Bedrock;

namespace TDeveloper.Aws.Tests.Bedrock;

/// <summary>
/// A Bedrock Runtime stand-in on a loopback port: it checks each request's SigV4 signature with <see cref="SigV4Verifier"/>,
/// refuses a bad one as Bedrock does (403, InvalidSignatureException), records the good ones and answers them as told.
/// </summary>
internal sealed class BedrockStub : IAsyncDisposable
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-west-2";

    private static readonly SigV4Verifier.Scope Scope = new(AccessKey, SecretKey, Region, "bedrock");

    private readonly WebApplication _app;
    private readonly Func<StubRequest, StubAnswer> _answer;

    private BedrockStub(WebApplication app, Func<StubRequest, StubAnswer> answer)
    {
        _app = app;
        _answer = answer;
    }

    /// <summary>Gets the requests whose signature was right, in arrival order.</summary>
    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>Gets why each refused request's signature was wrong.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Gets the stub's base address.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Starts a stub that answers every signed request with <paramref name="answer"/>.</summary>
    public static async Task<BedrockStub> StartAsync(Func<StubRequest, StubAnswer> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new BedrockStub(app, answer);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        stub.Endpoint = new Uri(address);
        return stub;
    }

    /// <summary>Gets client options for <paramref name="model"/> that reach this stub with the stub's credentials, or others.</summary>
    public BedrockClientOptions Options(string model, AWSCredentials? credentials = null) => new()
    {
        ModelId = model,
        Region = Region,
        Endpoint = Endpoint,
        Credentials = credentials ?? new BasicAWSCredentials(AccessKey, SecretKey),
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var request = new StubRequest(context.Request.Method, rawTarget, headers, buffer.ToArray());

        if (SigV4Verifier.Problem(Scope, request.Method, request.RawTarget, request.Headers, request.Body) is { } problem)
        {
            Refused.Enqueue(problem);
            await WriteAsync(context, StubAnswer.Error(403, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided."));
            return;
        }

        Requests.Enqueue(request);
        await WriteAsync(context, _answer(request));
    }

    private static async Task WriteAsync(HttpContext context, StubAnswer answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = "req-1";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        foreach (var chunk in answer.Chunks)
        {
            await context.Response.Body.WriteAsync(chunk);
            await context.Response.Body.FlushAsync();
        }
    }
}

/// <summary>A request the stub received, with a valid signature.</summary>
internal sealed record StubRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Gets the body as JSON.</summary>
    public JsonNode Json => JsonNode.Parse(Body)!;
}

/// <summary>What the stub answers: a status, a content type, headers and the body, written chunk by chunk with a flush after each.</summary>
internal sealed record StubAnswer(int Status, string ContentType, IReadOnlyList<byte[]> Chunks, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StubAnswer Json(object body) => new(200, "application/json", [JsonSerializer.SerializeToUtf8Bytes(body)]);

    public static StubAnswer Stream(params byte[][] frames) => new(200, "application/vnd.amazon.eventstream", frames);

    public static StubAnswer Error(int status, string errorType, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, "application/json", [Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { message }))],
            new Dictionary<string, string>(headers ?? new Dictionary<string, string>()) { ["x-amzn-ErrorType"] = $"{errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/" });
}
