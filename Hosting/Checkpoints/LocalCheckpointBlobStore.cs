using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Checkpoints;

namespace TDeveloper.Hosting.Checkpoints;

/// <summary>
/// Checkpoint bodies as local files, one per key (<c>{directory}/{tenant}/{session}/checkpoints/{id}</c> and
/// <c>…/files/{sha256}</c>): the embedded default, under the silo's data directory. A put writes a temporary file, flushes it
/// and renames it over the target, so a reader sees the old or the new body, never part of one.
/// </summary>
public sealed class LocalCheckpointBlobStore(IOptions<CheckpointOptions> options) : ICheckpointBlobStore
{
    private const string TemporarySuffix = ".tmp";
    private readonly string _root = Path.GetFullPath(options.Value.Directory);

    /// <summary>Gets the full path of the file of <paramref name="key"/>.</summary>
    public string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"The checkpoint key '{key}' leaves the store's directory.", nameof(key));
        return path;
    }

    /// <inheritdoc/>
    public async Task PutAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true); // the index is written next: the body must be on disk before it
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <inheritdoc/>
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        // Keys are '/'-separated paths: list the deepest directory the prefix names, then filter by the whole prefix.
        var slash = prefix.LastIndexOf('/');
        var directory = slash < 0 ? _root : PathOf(prefix[..slash]);
        if (!Directory.Exists(directory)) return Task.FromResult(ImmutableArray<string>.Empty);
        var keys = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return Task.FromResult(keys.ToImmutableArray());
    }
}
