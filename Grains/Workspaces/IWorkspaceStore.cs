namespace TDeveloper.Grains.Workspaces;

/// <summary>
/// Where workspace file bodies live, by key (<see cref="WorkspaceBlobKey"/>): local files embedded, S3 in AWS mode.
/// A put replaces the whole body at once, so a reader never sees half of it.
/// </summary>
public interface IWorkspaceStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task PutAsync(string key, byte[] content, CancellationToken cancellationToken);

    /// <summary>Gets the body under <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the body under <paramref name="key"/>; deleting a missing one is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
