using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// The text of an opaque refresh token, <c>tdr_&lt;login session&gt;_&lt;secret&gt;</c>: the login session (the family's
/// grain key and the access tokens' <c>sid</c>) and 32 random bytes in base64url, stored only as their SHA-256.
/// </summary>
public static class RefreshTokenText
{
    /// <summary>The prefix of every refresh token.</summary>
    public const string Prefix = "tdr";

    /// <summary>Creates a new login session id.</summary>
    public static string NewLoginSession() => "ls" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Creates a new token of <paramref name="loginSession"/>: the text to hand out and the hash to store.</summary>
    public static (string Text, byte[] SecretHash) New(string loginSession)
    {
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return ($"{Prefix}_{loginSession}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented token; <see langword="false"/> when it is not a refresh token's shape.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? loginSession, [NotNullWhen(true)] out string? secret)
    {
        loginSession = secret = null;
        var parts = text?.Trim().Split('_', 3);
        if (parts is not [Prefix, var session, var tokenSecret] || tokenSecret.Length is < 43 or > 256) return false;
        if (session.Length is < 3 or > 64 || !session.All(char.IsAsciiLetterOrDigit)) return false;
        (loginSession, secret) = (session, tokenSecret);
        return true;
    }

    /// <summary>Gets the SHA-256 of a token's secret, as stored.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
