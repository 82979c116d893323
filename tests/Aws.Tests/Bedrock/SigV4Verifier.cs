using System.Security.Cryptography;
using System.Text;

namespace TDeveloper.Aws.Tests.Bedrock;

/// <summary>
/// Checks an AWS Signature Version 4 the way the service does, written from the AWS specification (canonical request,
/// string to sign, HMAC-SHA256 key chain) and not with AWSSDK's signer, so a signing mistake in the client is caught.
/// </summary>
internal static class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The key, region and service a request must be signed for.</summary>
    public sealed record Scope(string AccessKey, string SecretKey, string Region, string Service);

    /// <summary>Returns why the signature of a request is wrong, or <see langword="null"/> when it is right.</summary>
    /// <param name="rawTarget">The request target as sent on the wire (encoded path and query).</param>
    /// <param name="headers">The received headers, names in any case, repeated values joined with commas.</param>
    public static string? Problem(Scope scope, string method, string rawTarget, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        var lower = headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
        if (!lower.TryGetValue("authorization", out var authorization) || !authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return "no AWS4-HMAC-SHA256 Authorization header";
        var parts = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaderList) || !parts.TryGetValue("Signature", out var signature)) return "the Authorization header lacks Credential, SignedHeaders or Signature";
        if (!lower.TryGetValue("x-amz-date", out var amzDate) || amzDate.Length != 16) return "no x-amz-date header";

        var credentialParts = credential.Split('/');
        if (credentialParts.Length != 5) return $"the credential '{credential}' is not key/date/region/service/aws4_request";
        var (accessKey, date, region, service, terminator) = (credentialParts[0], credentialParts[1], credentialParts[2], credentialParts[3], credentialParts[4]);
        if (accessKey != scope.AccessKey) return $"signed with the access key '{accessKey}'";
        if (date != amzDate[..8]) return $"the credential date {date} is not the day of x-amz-date {amzDate}";
        if (region != scope.Region || service != scope.Service || terminator != "aws4_request") return $"signed for {region}/{service}/{terminator} instead of {scope.Region}/{scope.Service}/aws4_request";

        var signedHeaders = signedHeaderList.Split(';');
        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date")) return "host and x-amz-date must be signed";
        if (!signedHeaders.SequenceEqual(signedHeaders.Order(StringComparer.Ordinal))) return "the signed headers are not sorted";
        var missing = signedHeaders.FirstOrDefault(h => !lower.ContainsKey(h));
        if (missing is not null) return $"the signed header '{missing}' was not received";

        var payloadHash = Hex(SHA256.HashData(body));
        if (lower.TryGetValue("x-amz-content-sha256", out var claimedHash) && claimedHash != payloadHash) return $"x-amz-content-sha256 is {claimedHash}, the body hashes to {payloadHash}";

        var (path, query) = rawTarget.IndexOf('?') is var q and >= 0 ? (rawTarget[..q], rawTarget[(q + 1)..]) : (rawTarget, "");
        var canonicalRequest = string.Join('\n',
            method,
            CanonicalPath(path),
            CanonicalQuery(query),
            string.Concat(signedHeaders.Select(h => $"{h}:{CanonicalValue(lower[h])}\n")),
            signedHeaderList,
            payloadHash);
        var stringToSign = string.Join('\n', Algorithm, amzDate, $"{date}/{region}/{service}/aws4_request", Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + scope.SecretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        return expected == signature ? null : $"the signature {signature} does not match {expected} computed over the canonical request:\n{canonicalRequest}";
    }

    // Every service but S3 URI-encodes each segment of the already encoded path once more ("%3A" becomes "%253A").
    private static string CanonicalPath(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(UriEncode));

    private static string CanonicalQuery(string query) =>
        query.Length == 0 ? "" : string.Join('&', query.Split('&')
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: UriEncode(Uri.UnescapeDataString(p[0])), Value: UriEncode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    private static string CanonicalValue(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    // RFC 3986 unreserved characters stay; everything else becomes %XX with upper-case hex.
    private static string UriEncode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2"));
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
