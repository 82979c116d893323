using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>Checkpoint bodies in the silo's memory: nothing outlives the process (tests, and the <c>Memory</c> provider).</summary>
public sealed class MemoryCheckpointBlobStore : ICheckpointBlobStore
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
        Task.FromResult(_bodies.TryGetValue(key, out var body) ? body.ToArray() : null);

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _bodies.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<string>> ListAsync(string prefix, CancellationToken cancellationToken) =>
        Task.FromResult(_bodies.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToImmutableArray());
}
