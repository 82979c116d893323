using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Hosting.Blobs;

namespace TDeveloper.Hosting.Checkpoints;

/// <summary>
/// Checkpoint bodies as local files, one per key (<c>{directory}/{tenant}/{session}/checkpoints/{id}</c> and
/// <c>…/files/{sha256}</c>): the embedded default, under the silo's data directory.
/// </summary>
public sealed class LocalCheckpointBlobStore(IOptions<CheckpointOptions> options) : ICheckpointBlobStore
{
    private readonly LocalBlobDirectory _files = new(options.Value.Directory, "checkpoint");

    /// <summary>Gets the full path of the file of <paramref name="key"/>.</summary>
    public string PathOf(string key) => _files.PathOf(key);

    /// <inheritdoc/>
    public Task PutAsync(string key, byte[] content, CancellationToken cancellationToken) => _files.PutAsync(key, content, cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => _files.GetAsync(key, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) => _files.DeleteAsync(key);

    /// <inheritdoc/>
    public Task<ImmutableArray<string>> ListAsync(string prefix, CancellationToken cancellationToken) => Task.FromResult(_files.List(prefix));
}
