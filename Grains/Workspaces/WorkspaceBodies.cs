using System.Security.Cryptography;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Security.Crypto;

namespace TDeveloper.Grains.Workspaces;

/// <summary>
/// A workspace's file bodies, sealed before they reach the <see cref="IWorkspaceStore"/> (local files, S3) and opened
/// when read: each body under its own blob key as context (<c>workspace/{tenant}/{session}/{sha256}</c>), so a body
/// copied to another key or workspace does not open. Bodies stored before sealing existed are read as they are.
/// </summary>
/// <remarks>The key is the hash of the plaintext (content addressing), which also checks every opened body.</remarks>
public sealed class WorkspaceBodies(IWorkspaceStore store, IFieldProtector protector)
{
    /// <summary>Seals and stores <paramref name="content"/> under <paramref name="key"/>.</summary>
    public async Task PutAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        var sealedData = await protector.SealAsync(content, ContextOf(key), cancellationToken);
        await store.PutAsync(key, SealedValueCodec.ToBytes(sealedData), cancellationToken);
    }

    /// <summary>Gets the plaintext body under <paramref name="key"/> whose hash is <paramref name="hash"/>, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="CryptographicException">The stored body is sealed but does not open, or is not the body the index names.</exception>
    public async Task<byte[]?> GetAsync(string key, string hash, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(key, cancellationToken);
        if (stored is null) return null;
        if (SealedValueCodec.TryFromBytes(stored, out var sealedData))
        {
            try
            {
                var body = await protector.UnsealAsync(sealedData, ContextOf(key), cancellationToken);
                if (WorkspaceBlobKey.HashOf(body) == hash) return body;
            }
            catch (CryptographicException) when (WorkspaceBlobKey.HashOf(stored) == hash)
            {
                return stored; // an old plaintext body that happens to start like a sealed one
            }
        }

        return WorkspaceBlobKey.HashOf(stored) == hash
            ? stored
            : throw new CryptographicException($"The stored body '{key}' is not the one the workspace index names.");
    }

    /// <summary>Deletes the body under <paramref name="key"/>.</summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) => store.DeleteAsync(key, cancellationToken);

    private static string ContextOf(string key) => "workspace/" + key;
}
