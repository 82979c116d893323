using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Testing;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests;

/// <summary>Authenticated clients for tests (a stand-in on the edge branch; the identity work replaces it with real tokens).</summary>
public static class TestCredentials
{
    /// <summary>Creates a client authenticated as a new user of <paramref name="tenant"/> with <paramref name="roles"/>.</summary>
    public static Task<HttpClient> CreateAuthenticatedClientAsync<TEntry>(this WebApplicationFactory<TEntry> factory, string tenant = "default", params string[] roles) where TEntry : class =>
        TestPrincipalScheme.CreateClientAsync(factory,
        [
            new(TDeveloperClaims.Subject, "user-" + Guid.NewGuid().ToString("N")),
            new(TDeveloperClaims.Tenant, tenant),
            new(TDeveloperClaims.CredentialKind, "jwt"),
            .. roles.Select(role => new Claim(TDeveloperClaims.Role, role)),
        ]);
}
