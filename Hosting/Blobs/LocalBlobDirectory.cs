using System.Collections.Immutable;

namespace TDeveloper.Hosting.Blobs;

/// <summary>
/// Blobs as local files under one directory, one file per '/'-separated key: the embedded default's store of workspace and
/// checkpoint bodies. A put writes a temporary file, flushes it to disk and renames it over the target, so a reader sees the
/// old or the new body, never part of one, and an index written after the put never names a body that is not on disk.
/// </summary>
public sealed class LocalBlobDirectory(string directory, string what)
{
    private const string TemporarySuffix = ".tmp";
    private readonly string _root = Path.GetFullPath(directory);

    /// <summary>Gets the full path of the file of <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key would leave the directory (keys are built from validated segments, so that is a bug).</exception>
    public string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"The {what} key '{key}' leaves the store's directory.", nameof(key));
        return path;
    }

    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
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
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Gets the content under <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
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

    /// <summary>Deletes the content under <paramref name="key"/>, if any.</summary>
    public Task DeleteAsync(string key)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Lists the keys that start with <paramref name="prefix"/>, in ordinal order.</summary>
    public ImmutableArray<string> List(string prefix)
    {
        // Keys are '/'-separated paths: list the deepest directory the prefix names, then filter by the whole prefix.
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? _root : PathOf(prefix[..slash]);
        if (!Directory.Exists(start)) return [];
        return [.. Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }
}
