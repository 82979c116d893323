namespace TDeveloper.Grains.Interfaces.Security;

/// <summary>Encrypts sensitive fields (prompts, model outputs, workspace files, secrets) for storage, and opens them again.</summary>
/// <remarks>
/// The context names the field and its owner (for example <c>session/{tenant}/{id}/request</c>); the same
/// context must be given to open a value, so a sealed value moved to another field or record fails to open.
/// </remarks>
public interface IFieldProtector
{
    /// <summary>Encrypts <paramref name="plaintext"/>.</summary>
    ValueTask<SealedData> SealAsync(ReadOnlyMemory<byte> plaintext, string context, CancellationToken cancellationToken = default);

    /// <summary>Decrypts a value sealed with the same <paramref name="context"/>.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value was tampered with, truncated, sealed for another context, or its key is gone.</exception>
    ValueTask<byte[]> UnsealAsync(SealedData sealedData, string context, CancellationToken cancellationToken = default);
}
