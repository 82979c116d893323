using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Client.Security;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests;

/// <summary>
/// Authenticated clients for the API tests. A stand-in until the identity branch's real credentials are merged: the
/// tests register a test-only scheme under the <see cref="TDeveloperAuthentication.Bearer"/> name
/// (<see cref="AddTestAuthentication"/>) that trusts the <see cref="Header"/> header.
/// </summary>
public static class TestCredentials
{
    /// <summary>The header the test scheme trusts: <c>{tenant};{subject};{role,role,…}</c>.</summary>
    public const string Header = "X-Test-Identity";

    /// <summary>Creates a client that acts as a user of <paramref name="tenant"/> with <paramref name="roles"/>.</summary>
    public static Task<HttpClient> CreateAuthenticatedClientAsync<TEntry>(this WebApplicationFactory<TEntry> factory, string tenant = "default", params string[] roles) where TEntry : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(Header, $"{tenant};user-{tenant}-{string.Join('-', roles)};{string.Join(',', roles)}");
        return Task.FromResult(client);
    }

    /// <summary>Registers the test scheme as the bearer scheme the default scheme forwards to.</summary>
    public static void AddTestAuthentication(IServiceCollection services) =>
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TDeveloperAuthentication.Bearer, null);

    private sealed class TestAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var value)) return Task.FromResult(AuthenticateResult.NoResult());
            var parts = value.ToString().Split(';');
            var claims = new List<Claim> { new(TDeveloperClaims.Tenant, parts[0]), new(TDeveloperClaims.Subject, parts[1]), new(TDeveloperClaims.CredentialKind, "test") };
            claims.AddRange(parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(role => new Claim(TDeveloperClaims.Role, role)));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, TDeveloperClaims.Subject, TDeveloperClaims.Role));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
        }
    }
}
