using TDeveloper.Aws.Workspaces;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Hosting.Workspaces;

/// <summary>The workspace store of the AWS mode: bodies in S3 (<see cref="S3BlobStore"/>, which knows nothing of grains).</summary>
/// <param name="blobs">The bucket.</param>
public sealed class S3WorkspaceStore(S3BlobStore blobs) : IWorkspaceStore
{
    /// <inheritdoc/>
    public Task PutAsync(string key, byte[] content, CancellationToken cancellationToken) => blobs.PutAsync(key, content, cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => blobs.GetAsync(key, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) => blobs.DeleteAsync(key, cancellationToken);
}
