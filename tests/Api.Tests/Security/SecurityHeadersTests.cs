using System.Net;

namespace TDeveloper.Api.Tests;

/// <summary>Security headers on every response, and CORS from configuration (one allowed origin in <see cref="EdgeSiloAppFactory"/>).</summary>
public class SecurityHeadersTests(EdgeSiloAppFactory factory) : IClassFixture<EdgeSiloAppFactory>
{
    [Theory]
    [InlineData("/v1/templates", HttpStatusCode.OK)]
    [InlineData("/v1/sessions/s-nope", HttpStatusCode.NotFound)]
    [InlineData("/no/such/route", HttpStatusCode.NotFound)]
    [InlineData("/health", HttpStatusCode.OK)]
    public async Task Every_response_carries_the_security_headers_and_no_server_header(string path, HttpStatusCode status)
    {
        using var client = await factory.CreateAuthenticatedClientAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is for HTTPS responses only");
    }

    [Fact]
    public async Task Https_responses_carry_HSTS()
    {
        using var client = await factory.CreateAuthenticatedClientAsync();
        client.BaseAddress = new Uri("https://api.example.test");

        var response = await client.GetAsync("/health");

        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task An_allowed_origin_gets_CORS_headers_and_another_gets_none()
    {
        using var client = await factory.CreateAuthenticatedClientAsync();

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/sessions");
        preflight.Headers.Add("Origin", EdgeSiloAppFactory.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        var allowed = await client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(EdgeSiloAppFactory.AllowedOrigin, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        AssertSecurityHeaders(allowed);

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/v1/templates");
        foreign.Headers.Add("Origin", "https://evil.example.test");
        var refused = await client.SendAsync(foreign);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_configured_origins_no_page_of_another_origin_gets_CORS_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/sessions");
        request.Headers.Add("Origin", EdgeSiloAppFactory.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        await using var defaults = new SiloAppFactory();

        var response = await defaults.CreateClient().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Resource-Policy"));
        Assert.StartsWith("default-src 'none'", Header(response, "Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single()
        : response.Content.Headers.TryGetValues(name, out var content) ? content.Single()
        : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header");
}
