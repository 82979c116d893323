using System.Security.Cryptography;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Unit.Tests.Security.Crypto;

/// <summary>An <see cref="IDataKeyProvider"/> over one in-memory AES-GCM master key that counts its calls and can be told to fail or to wait.</summary>
internal sealed class CountingKeyProvider : IDataKeyProvider
{
    private readonly byte[] _master = RandomNumberGenerator.GetBytes(32);
    private int _generated;
    private int _decrypted;

    public string KeyId { get; set; } = "test-key";

    public int Generated => _generated;

    public int Decrypted => _decrypted;

    /// <summary>Gets or sets a failure the next Decrypt throws (once).</summary>
    public Exception? FailNextDecrypt { get; set; }

    /// <summary>Gets or sets a gate every Decrypt waits for.</summary>
    public TaskCompletionSource? DecryptGate { get; set; }

    public Task<DataKey> GenerateDataKeyAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _generated);
        var plaintext = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var wrapped = new byte[12 + 32 + 16];
        nonce.CopyTo(wrapped, 0);
        using var aes = new AesGcm(_master, 16);
        aes.Encrypt(nonce, plaintext, wrapped.AsSpan(12, 32), wrapped.AsSpan(44), System.Text.Encoding.UTF8.GetBytes(KeyId));
        return Task.FromResult(new DataKey(KeyId, plaintext, wrapped));
    }

    public async Task<byte[]> DecryptDataKeyAsync(string keyId, byte[] wrappedKey, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _decrypted);
        if (DecryptGate is { } gate) await gate.Task;
        if (FailNextDecrypt is { } failure)
        {
            FailNextDecrypt = null;
            throw failure;
        }

        if (wrappedKey.Length != 60) throw new CryptographicException("The wrapped data key is truncated.");
        var plaintext = new byte[32];
        using var aes = new AesGcm(_master, 16);
        aes.Decrypt(wrappedKey.AsSpan(0, 12), wrappedKey.AsSpan(12, 32), wrappedKey.AsSpan(44), plaintext, System.Text.Encoding.UTF8.GetBytes(keyId));
        return plaintext;
    }
}
