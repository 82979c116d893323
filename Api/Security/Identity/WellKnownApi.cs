using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TDeveloper.Api.Security.Identity;

/// <summary>The anonymous discovery routes: <c>/.well-known/jwks.json</c> (the signing keys) and <c>/.well-known/openid-configuration</c>.</summary>
public static class WellKnownApi
{
    /// <summary>The route of the JWKS.</summary>
    public const string JwksRoute = "/.well-known/jwks.json";

    /// <summary>The route of the discovery document.</summary>
    public const string DiscoveryRoute = "/.well-known/openid-configuration";

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapWellKnownApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var wellKnown = endpoints.MapGroup("/.well-known").WithTags("Discovery").AllowAnonymous();
        wellKnown.MapGet("/jwks.json", JwksAsync).WithName("GetJwks").WithSummary("The public keys that sign access tokens (JWKS), including retired keys whose tokens may still be valid");
        wellKnown.MapGet("/openid-configuration", Discovery).WithName("GetOpenIdConfiguration").WithSummary("The issuer's discovery document: issuer, token endpoint, JWKS");
        return endpoints;
    }

    private static async Task<Ok<JsonWebKeySetDocument>> JwksAsync(HttpContext context, SigningKeyCache keys, CancellationToken cancellationToken)
    {
        var published = await keys.GetPublishedAsync(cancellationToken);
        context.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(new JsonWebKeySetDocument([.. published.Select(k => new JsonWebKeyDocument("RSA", "sig", SecurityAlgorithms.RsaSha256, k.KeyId, Base64UrlEncoder.Encode(k.Modulus), Base64UrlEncoder.Encode(k.Exponent)))]));
    }

    private static Ok<DiscoveryDocument> Discovery(HttpRequest request, IOptions<TokenOptions> tokens)
    {
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return TypedResults.Ok(new DiscoveryDocument(
            tokens.Value.Issuer, $"{origin}{JwksRoute}", $"{origin}/v1/auth/token", $"{origin}/v1/auth/revoke",
            [AuthApi.ClientCredentials, AuthApi.RefreshTokenGrant], [SecurityAlgorithms.RsaSha256], ["public"], ["client_secret_post"]));
    }
}

/// <summary>A JSON Web Key Set (RFC 7517).</summary>
/// <param name="Keys">The keys.</param>
public sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKeyDocument> Keys);

/// <summary>One RSA public key of a JWKS.</summary>
/// <param name="KeyType">Always <c>RSA</c>.</param>
/// <param name="Use">Always <c>sig</c>.</param>
/// <param name="Algorithm">Always <c>RS256</c>.</param>
/// <param name="KeyId">The key id.</param>
/// <param name="Modulus">The modulus, base64url.</param>
/// <param name="Exponent">The exponent, base64url.</param>
public sealed record JsonWebKeyDocument(
    [property: JsonPropertyName("kty")] string KeyType,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("n")] string Modulus,
    [property: JsonPropertyName("e")] string Exponent);

/// <summary>The OpenID Connect discovery document of our issuer (the fields a token validator reads).</summary>
/// <param name="Issuer">The <c>iss</c> of our tokens.</param>
/// <param name="JwksUri">Where the signing keys are.</param>
/// <param name="TokenEndpoint">Where tokens are issued.</param>
/// <param name="RevocationEndpoint">Where tokens are revoked.</param>
/// <param name="GrantTypesSupported">The grants the token endpoint takes.</param>
/// <param name="SigningAlgorithms">The algorithms tokens are signed with.</param>
/// <param name="SubjectTypesSupported">The subject types.</param>
/// <param name="TokenEndpointAuthMethods">How clients authenticate at the token endpoint.</param>
public sealed record DiscoveryDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms,
    [property: JsonPropertyName("subject_types_supported")] IReadOnlyList<string> SubjectTypesSupported,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethods);
