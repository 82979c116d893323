using System.Collections.Concurrent;

namespace TDeveloper.Grains.Workspaces;

/// <summary>Workspace bodies in the silo's memory: nothing outlives the process (tests, and the <c>Memory</c> provider).</summary>
public sealed class MemoryWorkspaceStore : IWorkspaceStore
{
    private readonly ConcurrentDictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task PutAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        _bodies[key] = [.. content];
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_bodies.TryGetValue(key, out var body) ? body.ToArray() : null); // a copy: contents travel as [Immutable], unguarded in-silo

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _bodies.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
