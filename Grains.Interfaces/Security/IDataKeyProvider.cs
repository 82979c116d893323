namespace TDeveloper.Grains.Interfaces.Security;

/// <summary>
/// Issues and unwraps data keys under master keys it keeps: a local key file in the embedded default, AWS KMS
/// (GenerateDataKey / Decrypt) in AWS mode.
/// </summary>
public interface IDataKeyProvider
{
    /// <summary>Creates a new 256-bit data key under the current master key.</summary>
    Task<DataKey> GenerateDataKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>Unwraps a data key that <paramref name="keyId"/> wrapped.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key is unknown or the wrapped key does not open.</exception>
    Task<byte[]> DecryptDataKeyAsync(string keyId, byte[] wrappedKey, CancellationToken cancellationToken = default);
}

/// <summary>A data key: its plaintext for use in memory, and its wrapped form to store beside what it encrypts.</summary>
/// <param name="KeyId">The master key that wrapped it.</param>
/// <param name="Plaintext">The 32-byte key; never stored or logged.</param>
/// <param name="Wrapped">The key as the master key wrapped it.</param>
public sealed record DataKey(string KeyId, byte[] Plaintext, byte[] Wrapped);
