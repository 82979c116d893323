using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// This host's copy of the cluster's public signing keys, which token validation resolves <c>kid</c>s from. It is fetched
/// from the <see cref="ISigningKeyRingGrain"/> when first needed, when a token names a key it does not know (at most once per
/// <see cref="TokenOptions.KeyRefreshMinInterval"/>), when this host signed with a key it does not know, and for the JWKS
/// when older than a minute.
/// </summary>
public sealed partial class SigningKeyCache(IGrainFactory grains, IOptions<TokenOptions> options, TimeProvider time, ILogger<SigningKeyCache> logger)
{
    private static readonly TimeSpan PublishedMaxAge = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot _snapshot = Snapshot.Empty;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    /// <summary>Gets the key named <paramref name="keyId"/>, if this host knows it (none for a token without <c>kid</c>).</summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId) =>
        keyId is not null && _snapshot.Keys.TryGetValue(keyId, out var key) ? [key] : [];

    /// <summary>Gets whether this host knows the key <paramref name="keyId"/>.</summary>
    public bool Knows(string keyId) => _snapshot.Keys.ContainsKey(keyId);

    /// <summary>Fetches the keys if <paramref name="keyId"/> is unknown and the last fetch is older than <see cref="TokenOptions.KeyRefreshMinInterval"/>.</summary>
    public async ValueTask EnsureKnownAsync(string keyId, CancellationToken cancellationToken = default)
    {
        if (Knows(keyId) || time.GetUtcNow() - _lastAttempt < options.Value.KeyRefreshMinInterval) return;
        LogUnknownKey(keyId);
        await RefreshAsync(cancellationToken);
    }

    /// <summary>Gets the keys to publish, fetching them when this copy is older than a minute.</summary>
    public async Task<ImmutableArray<PublishedSigningKey>> GetPublishedAsync(CancellationToken cancellationToken = default)
    {
        if (time.GetUtcNow() - _snapshot.FetchedAt > PublishedMaxAge) await RefreshAsync(cancellationToken);
        return _snapshot.Published;
    }

    /// <summary>Fetches the keys now (one fetch at a time; a caller that waited for another's fetch uses it).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        CallerContext.ActAsSystem(); // a refresh may run inside any request
        var asked = time.GetUtcNow();
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot.FetchedAt >= asked) return;
            _lastAttempt = time.GetUtcNow();
            var published = await grains.GetGrain<ISigningKeyRingGrain>(IdentityGrainKeys.Cluster).GetPublishedKeysAsync().WaitAsync(cancellationToken);
            _snapshot = new Snapshot(published, published.ToFrozenDictionary(k => k.KeyId, ToSecurityKey), time.GetUtcNow());
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Gets the RSA public key of a published key.</summary>
    public static SecurityKey ToSecurityKey(PublishedSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new RsaSecurityKey(new RSAParameters { Modulus = key.Modulus, Exponent = key.Exponent }) { KeyId = key.KeyId };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A token names the signing key {KeyId}, which this host does not know; fetching the keys")]
    private partial void LogUnknownKey(string keyId);

    private sealed record Snapshot(ImmutableArray<PublishedSigningKey> Published, FrozenDictionary<string, SecurityKey> Keys, DateTimeOffset FetchedAt)
    {
        public static readonly Snapshot Empty = new([], FrozenDictionary<string, SecurityKey>.Empty, DateTimeOffset.MinValue);
    }
}
