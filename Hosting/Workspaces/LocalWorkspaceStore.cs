using Microsoft.Extensions.Options;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Hosting.Workspaces;

/// <summary>
/// Workspace bodies as local files, one per key (<c>{directory}/{tenant}/{session}/{hash}</c>). A put writes a temporary
/// file and renames it over the target, so a reader sees the old or the new body, never part of one.
/// </summary>
internal sealed class LocalWorkspaceStore(IOptions<LocalWorkspaceStoreOptions> options) : IWorkspaceStore
{
    private readonly string _root = options.Value.Directory;

    public async Task PutAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

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

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Keys are made of validated grain key segments and a hex hash; a key that would leave the root is a bug, so it throws.</summary>
    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(Path.GetFullPath(_root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"The workspace key '{key}' leaves the store's directory.", nameof(key));
        return path;
    }
}
