using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using TDeveloper.Api.Security;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests;

/// <summary>Real credentials for tests: an API key of the tenant and roles asked for, exchanged for an RS256 access token.</summary>
public static class TestCredentials
{
    /// <summary>
    /// Returns a client of <paramref name="factory"/> that sends a bearer token of <paramref name="tenant"/> with
    /// <paramref name="roles"/> (admin when none). The host's own services create the API key (stored hashed in its grain, as
    /// <c>POST /v1/api-keys</c> does) and start a login session for it (as <c>POST /v1/auth/token</c> does), so the token is
    /// signed by the cluster's key ring and checked by the real pipeline, without spending the token route's rate limit.
    /// </summary>
    public static async Task<HttpClient> CreateAuthenticatedClientAsync<TEntry>(this WebApplicationFactory<TEntry> factory, string tenant = "default", params string[] roles)
        where TEntry : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClient(); // starts the host
        var token = await CreateTokenAsync(factory, tenant, roles);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>Creates an API key of <paramref name="tenant"/> with <paramref name="roles"/> (admin when none) and returns its text.</summary>
    public static async Task<CreatedApiKey> CreateApiKeyAsync<TEntry>(this WebApplicationFactory<TEntry> factory, string tenant = "default", params string[] roles)
        where TEntry : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        _ = factory.Services; // starts the host (a test server or Kestrel)
        return await factory.Services.GetRequiredService<ApiKeyIssuer>().CreateAsync(tenant, "tests", roles.Length > 0 ? roles : [BuiltInRoles.Admin], expiresAt: null, createdBy: "tests");
    }

    /// <summary>Creates a client that sends a new API key of <paramref name="tenant"/> with <paramref name="roles"/> (admin when none is given) in <c>X-Api-Key</c>.</summary>
    public static async Task<HttpClient> CreateApiKeyClientAsync<TEntry>(this WebApplicationFactory<TEntry> factory, string tenant = "default", params string[] roles)
        where TEntry : class
    {
        var key = await factory.CreateApiKeyAsync(tenant, roles);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TDeveloperAuthentication.ApiKeyHeader, key.Key);
        return client;
    }

    /// <summary>Gets the secret part of an API key (its base64url alphabet includes '_', so splitting on '_' would cut it).</summary>
    public static string SecretOf(string apiKey) =>
        ApiKeyText.TryParse(apiKey, out _, out var secret) ? secret : throw new ArgumentException($"'{apiKey}' is not an API key.", nameof(apiKey));

    /// <summary>Creates an API key and exchanges it for tokens (access and refresh) in-process.</summary>
    public static async Task<TokenResponse> CreateTokenAsync<TEntry>(this WebApplicationFactory<TEntry> factory, string tenant = "default", params string[] roles)
        where TEntry : class
    {
        var key = await factory.CreateApiKeyAsync(tenant, roles);
        var summary = (await factory.Services.GetRequiredService<ApiKeyIssuer>().ListAsync(tenant)).Single(k => k.Id == key.Id);
        var (tokens, _) = await factory.Services.GetRequiredService<TokenIssuer>().StartSessionAsync(summary, clientIp: null);
        return tokens;
    }
}
