using System.Collections.Immutable;
using TDeveloper.Aws.Workspaces;
using TDeveloper.Grains.Checkpoints;

namespace TDeveloper.Hosting.Checkpoints;

/// <summary>The checkpoint store of the AWS mode: bodies in S3 (<see cref="S3BlobStore"/>, which knows nothing of grains), under their own key prefix.</summary>
/// <param name="blobs">The bucket.</param>
public sealed class S3CheckpointBlobStore(S3BlobStore blobs) : ICheckpointBlobStore, IDisposable
{
    /// <inheritdoc/>
    public Task PutAsync(string key, byte[] content, CancellationToken cancellationToken) => blobs.PutAsync(key, content, cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => blobs.GetAsync(key, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) => blobs.DeleteAsync(key, cancellationToken);

    /// <inheritdoc/>
    public async Task<ImmutableArray<string>> ListAsync(string prefix, CancellationToken cancellationToken) => [.. await blobs.ListAsync(prefix, cancellationToken)];

    /// <inheritdoc/>
    public void Dispose() => blobs.Dispose();
}
