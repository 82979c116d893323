using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using TDeveloper.Api.Security.Identity;

namespace TDeveloper.Api.Tests.Security;

/// <summary>The silo's embedded API and the Gateway share one identity: tokens from one work on the other, and a revocation on one reaches the other at its next refresh.</summary>
public sealed class CrossHostRevocationTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30); // bounds a hung test only; the refresh runs every 2 s

    private readonly SiloAppFactory _silo = new();
    private GatewayAppFactory _gateway = null!;

    public Task InitializeAsync()
    {
        _silo.CreateClient();
        _gateway = new GatewayAppFactory(_silo.GatewayPort, _silo.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);
        _gateway.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task A_logout_on_the_silo_is_refused_by_the_gateway_after_its_next_revocation_refresh()
    {
        var tokens = await _silo.CreateTokenAsync();
        using var onGateway = Bearer(_gateway, tokens.AccessToken);
        using var onSilo = Bearer(_silo, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await onGateway.GetAsync("/v1/usage")).StatusCode); // the gateway fetched the silo's signing key by kid

        Assert.Equal(HttpStatusCode.OK, (await onSilo.PostAsync("/v1/auth/revoke", new FormUrlEncodedContent([]))).StatusCode);
        await ProblemAssert.IsProblemAsync(await onSilo.GetAsync("/v1/usage"), HttpStatusCode.Unauthorized); // at once where it was revoked
        await _gateway.Services.GetRequiredService<RevocationCache>().NextRefreshAsync().WaitAsync(Bound); // a refresh that starts after the revocation

        var problem = await ProblemAssert.IsProblemAsync(await onGateway.GetAsync("/v1/usage"), HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_api_key_revoked_on_the_gateway_stops_its_tokens_on_the_silo()
    {
        var key = await _gateway.CreateApiKeyAsync();
        var admin = await _gateway.CreateAuthenticatedClientAsync();
        var summary = (await _silo.Services.GetRequiredService<ApiKeyIssuer>().ListAsync("default")).Single(k => k.Id == key.Id);
        var (tokens, _) = await _silo.Services.GetRequiredService<TokenIssuer>().StartSessionAsync(summary, clientIp: null);
        using var onSilo = Bearer(_silo, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await onSilo.GetAsync("/v1/usage")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/api-keys/{key.Id}")).StatusCode);
        await _silo.Services.GetRequiredService<RevocationCache>().NextRefreshAsync().WaitAsync(Bound); // a refresh that starts after the revocation

        var problem = await ProblemAssert.IsProblemAsync(await onSilo.GetAsync("/v1/usage"), HttpStatusCode.Unauthorized);
        Assert.Contains("API key", problem.GetProperty("detail").GetString());
    }

    private static HttpClient Bearer<T>(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<T> factory, string token) where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
