using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TDeveloper.Api.Tests.Security;

/// <summary>An external OpenID Connect issuer in-process: Kestrel on a free port serving discovery and its JWKS, signing with its own RSA key.</summary>
public sealed class StubOidcIssuer : IAsyncDisposable
{
    public const string KeyId = "stub-key-1";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = KeyId };

    private int _disposed;

    private StubOidcIssuer(WebApplication app) => _app = app;

    /// <summary>Gets the issuer's authority (and <c>iss</c>), <c>http://127.0.0.1:{port}</c>.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>Gets how many times the API fetched the discovery document.</summary>
    public int DiscoveryFetches { get; private set; }

    public static async Task<StubOidcIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new StubOidcIssuer(app);
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            stub.DiscoveryFetches++;
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = stub.Authority,
                ["jwks_uri"] = stub.Authority + "/jwks",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        app.MapGet("/jwks", () =>
        {
            var parameters = stub._key.Rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        await app.StartAsync();
        stub.Authority = app.Urls.Single().TrimEnd('/');
        return stub;
    }

    /// <summary>Signs a token of this issuer with <paramref name="claims"/>.</summary>
    public string Mint(string audience, IDictionary<string, object> claims, string? issuer = null, TimeSpan? lifetime = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority,
            Audience = audience,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow + (lifetime ?? TimeSpan.FromMinutes(10)),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>Signs <paramref name="payloadJson"/> with this issuer's key under another key id (a forgery of someone else's token).</summary>
    public string SignAs(string payloadJson, string keyId) =>
        new JsonWebTokenHandler().CreateToken(payloadJson, new SigningCredentials(new RsaSecurityKey(_key.Rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
