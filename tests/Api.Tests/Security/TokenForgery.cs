using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Tests.Security;

/// <summary>Builds the bad tokens of the security suite from a good one, or signs odd payloads with the cluster's real key ring.</summary>
public static class TokenForgery
{
    /// <summary>The token with its signature replaced by one of another RSA key over the same header and payload.</summary>
    public static string ForgeSignature(string token)
    {
        var parts = token.Split('.');
        using var rsa = RSA.Create(2048);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>The token's payload under an <c>alg: none</c> header (naming the real <c>kid</c>) and no signature.</summary>
    public static string AlgNone(string token)
    {
        var parts = token.Split('.');
        var kid = new JsonWebToken(token).Kid;
        var header = Base64UrlEncoder.Encode($"{{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"{kid}\"}}");
        return $"{header}.{parts[1]}.";
    }

    /// <summary>The token's payload signed by another RSA key under a <c>kid</c> the cluster never had.</summary>
    public static string WrongKid(string token)
    {
        var payload = Base64UrlEncoder.Decode(token.Split('.')[1]);
        using var rsa = RSA.Create(2048);
        return new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "k-0000000000000000" }, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>Signs, with the cluster's real current key, a token for <paramref name="tenant"/> issued at <paramref name="issuedAt"/> lasting <paramref name="lifetime"/>.</summary>
    public static async Task<string> SignWithRingAsync(IGrainFactory grains, DateTimeOffset issuedAt, TimeSpan lifetime, string issuer = "tdeveloper", string audience = "tdeveloper-api", string tenant = "default")
    {
        var subject = new AccessTokenSubject(tenant, "apikey:forged", ["admin"], RefreshTokenText.NewLoginSession(), null, null);
        var payload = AccessTokenPayload.Write(subject, issuer, audience, AccessTokenPayload.NewTokenId(), issuedAt, issuedAt + lifetime);
        var signed = await grains.GetGrain<ISigningKeyRingGrain>(IdentityGrainKeys.Cluster).SignAsync(new TokenSigningRequest { PayloadJson = payload, ExpiresAt = issuedAt + lifetime });
        return signed.Token;
    }
}
