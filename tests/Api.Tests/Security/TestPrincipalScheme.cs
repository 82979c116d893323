using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests;

/// <summary>
/// A test-only authentication scheme, added at run time to a started factory: a request whose
/// <see cref="Header"/> carries claims (base64 JSON) is that principal. It runs as a request handler, before the
/// default scheme, so it needs no change to the host's schemes and leaves requests without the header alone.
/// </summary>
public static class TestPrincipalScheme
{
    /// <summary>The scheme's name.</summary>
    public const string Name = "TestPrincipal";

    /// <summary>The header that carries the principal's claims.</summary>
    public const string Header = "X-Test-Principal";

    /// <summary>Creates a client of <paramref name="factory"/> that is the principal of <paramref name="claims"/>.</summary>
    public static async Task<HttpClient> CreateClientAsync<TEntry>(WebApplicationFactory<TEntry> factory, IEnumerable<Claim> claims) where TEntry : class
    {
        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        if (await schemes.GetSchemeAsync(Name) is null) schemes.TryAddScheme(new AuthenticationScheme(Name, Name, typeof(Handler)));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(Header, Encode(claims));
        return client;
    }

    /// <summary>Creates a client that authenticates as the API key <paramref name="keyId"/> of <paramref name="tenant"/>.</summary>
    public static Task<HttpClient> CreateApiKeyClientAsync<TEntry>(WebApplicationFactory<TEntry> factory, string keyId, string tenant = "default") where TEntry : class =>
        CreateClientAsync(factory,
        [
            new(TDeveloperClaims.Subject, "service-" + keyId),
            new(TDeveloperClaims.Tenant, tenant),
            new(TDeveloperClaims.CredentialId, keyId),
            new(TDeveloperClaims.CredentialKind, "apikey"),
            new(TDeveloperClaims.Role, BuiltInRoles.Developer),
        ]);

    private static string Encode(IEnumerable<Claim> claims) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(claims.Select(c => new[] { c.Type, c.Value }).ToArray()));

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder), IAuthenticationRequestHandler
    {
        public async Task<bool> HandleRequestAsync()
        {
            if (await AuthenticateAsync() is { Succeeded: true, Principal: { } principal }) Context.User = principal;
            return false;
        }

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var value)) return Task.FromResult(AuthenticateResult.NoResult());
            var pairs = JsonSerializer.Deserialize<string[][]>(Encoding.UTF8.GetString(Convert.FromBase64String(value.ToString())))!;
            var identity = new ClaimsIdentity(pairs.Select(p => new Claim(p[0], p[1])), Name, TDeveloperClaims.Subject, TDeveloperClaims.Role);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }
}
