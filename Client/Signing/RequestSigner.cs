using System.Text;

namespace TDeveloper.Client.Signing;

/// <summary>The four headers of a signed request.</summary>
/// <param name="KeyId">The <see cref="SigningCanonicalForm.KeyIdHeader"/> value.</param>
/// <param name="Timestamp">The <see cref="SigningCanonicalForm.TimestampHeader"/> value.</param>
/// <param name="Nonce">The <see cref="SigningCanonicalForm.NonceHeader"/> value.</param>
/// <param name="Signature">The <see cref="SigningCanonicalForm.SignatureHeader"/> value.</param>
public sealed record SignedRequestHeaders(string KeyId, string Timestamp, string Nonce, string Signature);

/// <summary>
/// Signs HTTP requests to the T-Developer API with a signing key (HMAC-SHA256, see <see cref="SigningCanonicalForm"/>),
/// for .NET callers; <see cref="SigningHandler"/> signs every request an <see cref="HttpClient"/> sends.
/// </summary>
/// <remarks>Each request gets a new nonce and the current time: a signed request is good once, within 5 minutes.</remarks>
public sealed class RequestSigner
{
    private readonly string _keyId;
    private readonly byte[] _secret;
    private readonly TimeProvider _time;

    /// <summary>Creates a signer for the key <paramref name="keyId"/> with its <paramref name="secret"/>.</summary>
    /// <param name="keyId">The key id returned when the key was created.</param>
    /// <param name="secret">The secret returned (once) when the key was created.</param>
    /// <param name="time">The clock that stamps requests; the system clock when omitted.</param>
    public RequestSigner(string keyId, string secret, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _keyId = keyId;
        _secret = Encoding.UTF8.GetBytes(secret);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Computes the headers that sign a request with this method, path-and-query and body, now, with a new nonce.</summary>
    public SignedRequestHeaders Sign(string method, string pathAndQuery, ReadOnlySpan<byte> body) =>
        Sign(method, pathAndQuery, body, SigningCanonicalForm.FormatTimestamp(_time.GetUtcNow()), SigningCanonicalForm.NewNonce());

    /// <summary>Computes the headers that sign a request with the given timestamp and nonce (for tests and replays of a known request).</summary>
    public SignedRequestHeaders Sign(string method, string pathAndQuery, ReadOnlySpan<byte> body, string timestamp, string nonce)
    {
        var canonical = SigningCanonicalForm.Build(method, pathAndQuery, timestamp, nonce, SigningCanonicalForm.HashBody(body));
        return new SignedRequestHeaders(_keyId, timestamp, nonce, SigningCanonicalForm.Sign(_secret, canonical));
    }

    /// <summary>Signs <paramref name="request"/> in place: buffers its body, then sets the four headers (replacing any already there).</summary>
    /// <exception cref="ArgumentException">The request has no absolute URI.</exception>
    public async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri) throw new ArgumentException("The request needs an absolute URI (give the HttpClient a BaseAddress).", nameof(request));
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Apply(request, Sign(request.Method.Method, uri.PathAndQuery, body));
    }

    /// <summary>Sets the four headers of <paramref name="signed"/> on <paramref name="request"/>.</summary>
    public static void Apply(HttpRequestMessage request, SignedRequestHeaders signed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signed);
        var headers = request.Headers;
        foreach (var name in new[] { SigningCanonicalForm.KeyIdHeader, SigningCanonicalForm.TimestampHeader, SigningCanonicalForm.NonceHeader, SigningCanonicalForm.SignatureHeader }) headers.Remove(name);
        headers.Add(SigningCanonicalForm.KeyIdHeader, signed.KeyId);
        headers.Add(SigningCanonicalForm.TimestampHeader, signed.Timestamp);
        headers.Add(SigningCanonicalForm.NonceHeader, signed.Nonce);
        headers.Add(SigningCanonicalForm.SignatureHeader, signed.Signature);
    }
}
