using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using TDeveloper.Client;
using TDeveloper.Client.Security;

namespace TDeveloper.Api.Tests;

/// <summary>
/// What needs routes the API does not have yet, on a small host with the API's services and pipeline: an anonymous
/// route that requires the <see cref="TDeveloperRateLimits.Sensitive"/> policy (as token issuance does) and an
/// ordinary one.
/// </summary>
public sealed class SmallHostEdgeTests : IAsyncLifetime
{
    private const int SensitiveLimit = 2;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TDeveloper:Api:RateLimits:Sensitive:PermitLimit"] = SensitiveLimit.ToString(),
            ["TDeveloper:Api:RateLimits:Default:PermitLimit"] = "100",
        });
        builder.Services.AddTDeveloperApi();
        _app = builder.Build();
        _app.UseTDeveloperApi();
        _app.MapPost("/v1/test/tokens", () => TypedResults.Ok("token")).WithName("IssueTestToken").WithSummary("Issue a token")
            .RequireRateLimiting(TDeveloperRateLimits.Sensitive).AllowAnonymous();
        _app.MapGet("/v1/test/ordinary", () => TypedResults.Ok("ok")).WithName("Ordinary").WithSummary("An ordinary route");
        _app.MapOpenApi(TDeveloperApi.OpenApiRoute);
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_sensitive_route_allows_its_few_requests_per_client_ip_then_429()
    {
        for (var i = 0; i < SensitiveLimit; i++) Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)(await PostFromAsync("10.1.0.1", "/v1/test/tokens")).StatusCode);

        var refused = await PostFromAsync("10.1.0.1", "/v1/test/tokens");

        Assert.Equal(HttpStatusCode.TooManyRequests, (HttpStatusCode)refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)(await PostFromAsync("10.1.0.2", "/v1/test/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)(await GetFromAsync("10.1.0.1", "/v1/test/ordinary")).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_operation_declares_no_security_and_the_others_inherit_the_global_requirement()
    {
        using var client = _app.GetTestClient();
        var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var anonymous = document.GetProperty("paths").GetProperty("/v1/test/tokens").GetProperty("post");
        Assert.Equal(0, anonymous.GetProperty("security").GetArrayLength());
        Assert.False(anonymous.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(anonymous.GetProperty("responses").TryGetProperty("429", out _));
        var ordinary = document.GetProperty("paths").GetProperty("/v1/test/ordinary").GetProperty("get");
        Assert.False(ordinary.TryGetProperty("security", out _));
        Assert.True(ordinary.GetProperty("responses").TryGetProperty("401", out _));
    }

    private Task<HttpResponse> PostFromAsync(string ip, string path) => SendAsync(ip, HttpMethods.Post, path);

    private Task<HttpResponse> GetFromAsync(string ip, string path) => SendAsync(ip, HttpMethods.Get, path);

    private async Task<HttpResponse> SendAsync(string ip, string method, string path)
    {
        var context = await _app.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        });
        return context.Response;
    }
}
