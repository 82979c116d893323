using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// AES-256-GCM envelope encryption over an <see cref="IDataKeyProvider"/>: one data key serves many fields until it
/// is <see cref="DataKeyLifetime"/> old or has sealed <see cref="MaxSealsPerDataKey"/> values, so sealing costs no
/// key-provider call on the hot path; unwrapped data keys are cached by their wrapped form, so opening costs at most
/// one call per data key, however many activations open values under it at once.
/// </summary>
/// <remarks>
/// Nonces are random (96 bits), so a data key is retired well before the 2^32 encryptions NIST SP 800-38D allows
/// per key with random nonces. The context is the associated data: a value opens only with the context it was
/// sealed for. Every failure to open (tampered, truncated, wrong context, unknown key) is a <see cref="CryptographicException"/>.
/// </remarks>
public sealed class EnvelopeFieldProtector(IDataKeyProvider keys, TimeProvider time) : IFieldProtector
{
    /// <summary>How long one data key seals new values before a fresh one is generated.</summary>
    public static readonly TimeSpan DataKeyLifetime = TimeSpan.FromHours(1);

    /// <summary>How many values one data key seals at most before a fresh one is generated.</summary>
    public const long MaxSealsPerDataKey = 1L << 30;

    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int MaxCachedKeys = 1024;

    private readonly SemaphoreSlim _rotation = new(1, 1);
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _unwrapped = new(StringComparer.Ordinal);
    private volatile CurrentKey? _current;

    /// <inheritdoc />
    public async ValueTask<SealedData> SealAsync(ReadOnlyMemory<byte> plaintext, string context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = await CurrentKeyAsync(cancellationToken);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length + TagBytes];
        using var aes = new AesGcm(key.Plaintext, TagBytes);
        aes.Encrypt(nonce, plaintext.Span, ciphertext.AsSpan(0, plaintext.Length), ciphertext.AsSpan(plaintext.Length), Encoding.UTF8.GetBytes(context));
        return new SealedData { KeyId = key.KeyId, WrappedKey = key.Wrapped, Nonce = nonce, Ciphertext = ciphertext };
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> UnsealAsync(SealedData sealedData, string context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sealedData);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(sealedData.KeyId) || sealedData.WrappedKey is not { Length: > 0 })
            throw new CryptographicException("The sealed value names no key.");
        if (sealedData.Nonce is not { Length: NonceBytes } || sealedData.Ciphertext is not { Length: >= TagBytes })
            throw new CryptographicException("The sealed value is truncated.");
        var key = await UnwrapAsync(sealedData.KeyId, sealedData.WrappedKey, cancellationToken);
        var length = sealedData.Ciphertext.Length - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedData.Nonce, sealedData.Ciphertext.AsSpan(0, length), sealedData.Ciphertext.AsSpan(length), plaintext, Encoding.UTF8.GetBytes(context));
        return plaintext;
    }

    private async ValueTask<DataKey> CurrentKeyAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && current.TryUse(time.GetUtcNow())) return current.Key;
        await _rotation.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.TryUse(time.GetUtcNow())) return again.Key;
            var key = await keys.GenerateDataKeyAsync(cancellationToken);
            if (key.Plaintext is not { Length: KeyBytes }) throw new CryptographicException($"The key provider returned a data key of {key.Plaintext?.Length ?? 0} bytes; AES-256 needs {KeyBytes}.");
            Remember(key.KeyId, key.Wrapped, key.Plaintext);
            var fresh = new CurrentKey(key, time.GetUtcNow() + DataKeyLifetime);
            fresh.TryUse(time.GetUtcNow());
            _current = fresh;
            return key;
        }
        finally
        {
            _rotation.Release();
        }
    }

    private async ValueTask<byte[]> UnwrapAsync(string keyId, byte[] wrapped, CancellationToken cancellationToken)
    {
        var cacheKey = CacheKey(keyId, wrapped);
        var entry = _unwrapped.GetOrAdd(cacheKey, _ => new Lazy<Task<byte[]>>(() => DecryptAsync(keyId, wrapped)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsCompleted && !entry.Value.IsCompletedSuccessfully)
        {
            _unwrapped.TryRemove(KeyValuePair.Create(cacheKey, entry)); // a failure is not remembered: the next open asks again
            throw;
        }
    }

    private async Task<byte[]> DecryptAsync(string keyId, byte[] wrapped)
    {
        TrimCache();
        // Not the caller's token: the unwrap is shared by every caller waiting for it.
        var key = await keys.DecryptDataKeyAsync(keyId, wrapped, CancellationToken.None);
        return key is { Length: KeyBytes } ? key : throw new CryptographicException($"The data key under '{keyId}' unwrapped to {key?.Length ?? 0} bytes; AES-256 needs {KeyBytes}.");
    }

    private void Remember(string keyId, byte[] wrapped, byte[] plaintext)
    {
        TrimCache();
        _unwrapped[CacheKey(keyId, wrapped)] = new Lazy<Task<byte[]>>(Task.FromResult(plaintext));
    }

    private void TrimCache()
    {
        if (_unwrapped.Count < MaxCachedKeys) return;
        var current = _current;
        _unwrapped.Clear();
        if (current is not null) _unwrapped[CacheKey(current.Key.KeyId, current.Key.Wrapped)] = new Lazy<Task<byte[]>>(Task.FromResult(current.Key.Plaintext));
    }

    private static string CacheKey(string keyId, byte[] wrapped) => keyId + ":" + Convert.ToBase64String(wrapped);

    /// <summary>The data key that seals new values, until it expires or has sealed its share; one object, so readers never see half an update.</summary>
    private sealed class CurrentKey(DataKey key, DateTimeOffset until)
    {
        private long _seals;

        public DataKey Key { get; } = key;

        public bool TryUse(DateTimeOffset now) => now < until && Interlocked.Increment(ref _seals) <= MaxSealsPerDataKey;
    }
}
