using Microsoft.AspNetCore.Mvc.Testing;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests;

/// <summary>
/// Authenticated clients for the API tests. In this branch a test-only scheme (<see cref="TestAuthentication"/>) stands in
/// for the real credentials: the client sends the tenant, roles and subject it acts as, the scheme turns them into the
/// claims a real credential yields (<see cref="TDeveloperClaims"/>). The identity branch replaces this file with one that
/// issues real tokens, with the same signature.
/// </summary>
public static class TestCredentials
{
    /// <summary>Creates a client acting as a user of <paramref name="tenant"/> with <paramref name="roles"/> (admin when none is given).</summary>
    public static Task<HttpClient> CreateAuthenticatedClientAsync<TEntry>(this WebApplicationFactory<TEntry> factory, string tenant = "default", params string[] roles)
        where TEntry : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthentication.TenantHeader, tenant);
        client.DefaultRequestHeaders.Add(TestAuthentication.RolesHeader, string.Join(',', roles.Length == 0 ? [BuiltInRoles.Admin] : roles));
        client.DefaultRequestHeaders.Add(TestAuthentication.SubjectHeader, $"user-of-{tenant}");

        // Until the routes take the tenant from the credential (the identity branch's change to ApiTargets), they act in the
        // tenant of this header; sending the credential's own keeps them in it. A different one is refused at the grains.
        client.DefaultRequestHeaders.Add(TDeveloper.Client.TDeveloperApi.TenantHeader, tenant);
        return Task.FromResult(client);
    }
}
