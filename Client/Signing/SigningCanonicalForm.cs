using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace TDeveloper.Client.Signing;

/// <summary>
/// The one definition of what a signed request signs, shared by the verifier (the API's <c>Hmac</c> scheme) and the
/// signer (<see cref="RequestSigner"/>): the canonical string, the body hash, the header formats and the time window.
/// </summary>
/// <remarks>
/// The canonical string is <c>METHOD \n path-and-query \n timestamp \n nonce \n body-sha256</c>: the method in upper case,
/// the path and query exactly as on the request line (percent-encoded, with the query string), the timestamp and nonce
/// exactly as in their headers, and the lowercase hex SHA-256 of the body bytes (of nothing, when there is no body).
/// The signature is <c>base64(HMAC-SHA256(UTF-8(secret), UTF-8(canonical)))</c>.
/// </remarks>
public static partial class SigningCanonicalForm
{
    /// <summary>The header that names the signing key.</summary>
    public const string KeyIdHeader = "X-TDev-Key-Id";

    /// <summary>The header that carries the time of signing, in Unix seconds.</summary>
    public const string TimestampHeader = "X-TDev-Timestamp";

    /// <summary>The header that carries the request's nonce (16–128 letters, digits, '-' or '_').</summary>
    public const string NonceHeader = "X-TDev-Nonce";

    /// <summary>The header that carries the signature (base64).</summary>
    public const string SignatureHeader = "X-TDev-Signature";

    /// <summary>The window accepted by default around the verifier's clock: 5 minutes either way.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    /// <summary>The lowercase hex SHA-256 of an empty body.</summary>
    public static readonly string EmptyBodyHash = HashBody([]);

    /// <summary>Builds the canonical string of a request.</summary>
    public static string Build(string method, string pathAndQuery, string timestamp, string nonce, string bodySha256Hex)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        return string.Join('\n', method.ToUpperInvariant(), pathAndQuery, timestamp, nonce, bodySha256Hex);
    }

    /// <summary>Gets the lowercase hex SHA-256 of <paramref name="body"/>.</summary>
    public static string HashBody(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>Formats a time as the timestamp header does: Unix seconds.</summary>
    public static string FormatTimestamp(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a timestamp header: Unix seconds, digits only.</summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrEmpty(value) || value.Length > 12 || !value.All(char.IsAsciiDigit)) return false;
        time = DateTimeOffset.FromUnixTimeSeconds(long.Parse(value, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Gets whether a request signed at <paramref name="signedAt"/> is within <paramref name="window"/> of <paramref name="now"/>, either way (the bounds included).</summary>
    public static bool IsWithinWindow(DateTimeOffset signedAt, DateTimeOffset now, TimeSpan window) => (now - signedAt).Duration() <= window;

    /// <summary>Gets whether <paramref name="nonce"/> has the accepted form.</summary>
    public static bool IsValidNonce(string? nonce) => nonce is not null && NoncePattern().IsMatch(nonce);

    /// <summary>Creates a new random nonce (22 base64url characters, 128 bits).</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes a signature header: base64 of the 32 bytes of an HMAC-SHA256.</summary>
    public static bool TryDecodeSignature(string? value, out byte[] signature)
    {
        signature = [];
        if (string.IsNullOrEmpty(value) || value.Length > 64) return false;
        var buffer = new byte[48];
        if (!Convert.TryFromBase64String(value, buffer, out var written) || written != 32) return false;
        signature = buffer[..32];
        return true;
    }

    /// <summary>Computes the signature header of a canonical string.</summary>
    public static string Sign(ReadOnlySpan<byte> secret, string canonical) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, System.Text.Encoding.UTF8.GetBytes(canonical)));

    [GeneratedRegex(@"^[A-Za-z0-9_-]{16,128}\z")]
    private static partial Regex NoncePattern();
}
