using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// The text of an API key, <c>tdk_&lt;id&gt;_&lt;secret&gt;</c>: a 16-hex-digit id (not secret, names the key) and a secret of
/// 32 random bytes (256 bits) in base64url. Only the SHA-256 of the secret is stored: for a random secret of that entropy a
/// plain hash is as strong as a slow one, and it can be compared in constant time.
/// </summary>
public static class ApiKeyText
{
    /// <summary>The prefix of every key.</summary>
    public const string Prefix = "tdk";

    /// <summary>The fewest characters a secret may have (43 base64url characters carry 256 bits).</summary>
    public const int MinSecretLength = 43;

    /// <summary>Creates a new key: its id, the whole text to hand out once, and the hash to store.</summary>
    public static (string Id, string Text, byte[] SecretHash) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}_{id}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented key into id and secret; <see langword="false"/> when it is not a key's shape.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = secret = null;
        var parts = text?.Trim().Split('_', 3);
        if (parts is not [Prefix, var keyId, var keySecret] || keySecret.Length < MinSecretLength || keySecret.Length > 256) return false;
        if (keyId.Length is < 1 or > 64 || !keyId.All(char.IsAsciiLetterOrDigit)) return false;
        (id, secret) = (keyId, keySecret);
        return true;
    }

    /// <summary>Gets the SHA-256 of a key's secret, as stored.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Gets the subject (<c>sub</c>) of a caller authenticated by the key <paramref name="id"/>.</summary>
    public static string Subject(string id) => $"apikey:{id}";
}
