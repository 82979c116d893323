using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>The checks a validated bearer token must still pass (pure but for the revocation copy): tenant, revocation, session, IP binding.</summary>
public static class BearerTokenChecks
{
    /// <summary>Gets why <paramref name="user"/>'s token is refused, or <see langword="null"/> when it is accepted.</summary>
    public static string? Refusal(ClaimsPrincipal user, RevocationCache revocations, string? clientIp)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(revocations);
        if (IdentityPrincipals.TenantOf(user) is null) return "The token names no valid tenant.";
        if (revocations.IsRevoked(RevocationKind.Token, user.FindFirst("jti")?.Value)) return "The token was revoked.";
        if (revocations.IsRevoked(RevocationKind.LoginSession, user.FindFirst(TDeveloperClaims.LoginSession)?.Value)) return "The token's login session was revoked or has ended.";
        if (revocations.IsRevoked(RevocationKind.Credential, user.FindFirst(TDeveloperClaims.CredentialId)?.Value)) return "The API key the token was issued for was revoked.";
        if (user.FindFirst(TDeveloperClaims.BoundIp)?.Value is { } bound && !IdentityPrincipals.SameIp(bound, clientIp)) return "The token is bound to another IP address.";
        return null;
    }

    /// <summary>Gets the message a caller is shown for a token that failed validation (no internals, no token content).</summary>
    public static string Describe(Exception? failure) => failure switch
    {
        null => AuthenticationProblems.NoCredential,
        TokenRefusedException refused => refused.Message,
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenSignatureKeyNotFoundException => "The token names a signing key this API does not know.",
        SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "The token's audience is not this API.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        _ => "The token is not valid.",
    };
}
