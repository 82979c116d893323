using System.Collections.Immutable;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>
/// Where checkpoint bodies (and the workspace file bodies they name) live, by key (<see cref="CheckpointBlobKeys"/>):
/// local files in the embedded default, S3 in AWS mode, memory in tests. A put replaces the whole body at once.
/// </summary>
public interface ICheckpointBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task PutAsync(string key, byte[] content, CancellationToken cancellationToken);

    /// <summary>Gets the body under <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the body under <paramref name="key"/>; deleting a missing one is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Gets the keys that start with <paramref name="prefix"/>, in ordinal order.</summary>
    Task<ImmutableArray<string>> ListAsync(string prefix, CancellationToken cancellationToken);
}
