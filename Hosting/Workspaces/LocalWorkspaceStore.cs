using Microsoft.Extensions.Options;
using TDeveloper.Grains.Workspaces;
using TDeveloper.Hosting.Blobs;

namespace TDeveloper.Hosting.Workspaces;

/// <summary>Workspace bodies as local files, one per key (<c>{directory}/{tenant}/{session}/{hash}</c>).</summary>
internal sealed class LocalWorkspaceStore(IOptions<LocalWorkspaceStoreOptions> options) : IWorkspaceStore
{
    private readonly LocalBlobDirectory _files = new(options.Value.Directory, "workspace");

    public Task PutAsync(string key, byte[] content, CancellationToken cancellationToken) => _files.PutAsync(key, content, cancellationToken);

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => _files.GetAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => _files.DeleteAsync(key);
}
