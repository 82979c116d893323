using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using TDeveloper.Api.Security;

namespace TDeveloper.Api.Tests;

/// <summary>
/// The token route, the API's sensitive route: its <see cref="TDeveloperRateLimits.Sensitive"/> limit per client IP, and
/// its place in the OpenAPI document as an anonymous operation beside the ones that inherit the global requirement.
/// </summary>
public sealed class SensitiveRouteTests(EdgeSiloAppFactory factory) : IClassFixture<EdgeSiloAppFactory>
{
    [Fact]
    public async Task The_token_route_allows_its_few_requests_per_client_ip_then_429()
    {
        // Without a credential each attempt is refused (401), and still counted: guessing keys is what the limit is for.
        for (var i = 0; i < EdgeSiloAppFactory.SensitiveLimit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (HttpStatusCode)(await RequestTokenFromAsync("10.1.0.1")).StatusCode);

        var refused = await RequestTokenFromAsync("10.1.0.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, (HttpStatusCode)refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.Unauthorized, (HttpStatusCode)(await RequestTokenFromAsync("10.1.0.2")).StatusCode);
    }

    [Fact]
    public async Task The_token_route_declares_no_security_and_the_others_inherit_the_global_requirement()
    {
        using var client = await factory.CreateAuthenticatedClientAsync();
        var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var anonymous = document.GetProperty("paths").GetProperty("/v1/auth/token").GetProperty("post");
        Assert.Equal(0, anonymous.GetProperty("security").GetArrayLength());
        Assert.True(anonymous.GetProperty("responses").TryGetProperty("429", out _));
        var ordinary = document.GetProperty("paths").GetProperty("/v1/templates").GetProperty("get");
        Assert.False(ordinary.TryGetProperty("security", out _));
        Assert.True(ordinary.GetProperty("responses").TryGetProperty("401", out _));
    }

    private async Task<HttpResponse> RequestTokenFromAsync(string ip)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = "/v1/auth/token";
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = new MemoryStream("grant_type=client_credentials&client_secret=tdk_0000000000000000_guess"u8.ToArray());
            c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        });
        return context.Response;
    }
}
