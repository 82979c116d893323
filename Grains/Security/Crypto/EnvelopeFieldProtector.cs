using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// AES-256-GCM envelope encryption over an <see cref="IDataKeyProvider"/>: one data key serves many fields until it
/// is <see cref="DataKeyLifetime"/> old, so sealing costs no key-provider call on the hot path; unwrapped data keys
/// are cached by their wrapped form, so opening costs at most one call per data key.
/// </summary>
public sealed class EnvelopeFieldProtector(IDataKeyProvider keys, TimeProvider time) : IFieldProtector
{
    /// <summary>How long one data key seals new values before a fresh one is generated.</summary>
    public static readonly TimeSpan DataKeyLifetime = TimeSpan.FromHours(1);

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int MaxCachedKeys = 1024;

    private readonly SemaphoreSlim _rotation = new(1, 1);
    private readonly ConcurrentDictionary<string, byte[]> _unwrapped = new();
    private (DataKey Key, DateTimeOffset Until)? _current;

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
        if (sealedData.Nonce is not { Length: NonceBytes } || sealedData.Ciphertext is not { Length: >= TagBytes })
            throw new CryptographicException("The sealed value is truncated.");
        var key = await UnwrapAsync(sealedData, cancellationToken);
        var length = sealedData.Ciphertext.Length - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedData.Nonce, sealedData.Ciphertext.AsSpan(0, length), sealedData.Ciphertext.AsSpan(length), plaintext, Encoding.UTF8.GetBytes(context));
        return plaintext;
    }

    private async ValueTask<DataKey> CurrentKeyAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && current.Until > time.GetUtcNow()) return current.Key;
        await _rotation.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.Until > time.GetUtcNow()) return again.Key;
            var key = await keys.GenerateDataKeyAsync(cancellationToken);
            Remember(key.KeyId, key.Wrapped, key.Plaintext);
            _current = (key, time.GetUtcNow() + DataKeyLifetime);
            return key;
        }
        finally
        {
            _rotation.Release();
        }
    }

    private async ValueTask<byte[]> UnwrapAsync(SealedData sealedData, CancellationToken cancellationToken)
    {
        var cacheKey = CacheKey(sealedData.KeyId, sealedData.WrappedKey);
        if (_unwrapped.TryGetValue(cacheKey, out var cached)) return cached;
        var key = await keys.DecryptDataKeyAsync(sealedData.KeyId, sealedData.WrappedKey, cancellationToken);
        Remember(sealedData.KeyId, sealedData.WrappedKey, key);
        return key;
    }

    private void Remember(string keyId, byte[] wrapped, byte[] plaintext)
    {
        if (_unwrapped.Count >= MaxCachedKeys) _unwrapped.Clear();
        _unwrapped[CacheKey(keyId, wrapped)] = plaintext;
    }

    private static string CacheKey(string keyId, byte[] wrapped) => keyId + ":" + Convert.ToBase64String(wrapped);
}
