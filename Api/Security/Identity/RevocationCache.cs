using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// This host's copy of the cluster's revocation list, which every token check reads. <see cref="RevocationCacheRefresher"/>
/// fetches what was added every <see cref="RevocationCacheOptions.RefreshInterval"/>, so a revocation made on another host
/// takes effect here within that interval; one made on this host takes effect here at once.
/// </summary>
public sealed class RevocationCache(IGrainFactory grains, IOptions<RevocationCacheOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(RevocationKind Kind, string Id), DateTimeOffset> _entries = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _epoch;
    private long _lastSequence;
    private DateTimeOffset? _refreshedAt;

    /// <summary>Gets whether (<paramref name="kind"/>, <paramref name="id"/>) is revoked, as far as this copy knows.</summary>
    public bool IsRevoked(RevocationKind kind, string? id) =>
        id is not null && _entries.TryGetValue((kind, id), out var keepUntil) && keepUntil > time.GetUtcNow();

    /// <summary>Adds an entry this host just made, so it takes effect here before the next fetch.</summary>
    public void Add(RevocationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries[(entry.Kind, entry.Id)] = entry.KeepUntil;
    }

    /// <summary>Fetches what the list gained since the last fetch (the whole list the first time, or if it started anew).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        CallerContext.ActAsSystem(); // a refresh may run inside any request
        await _refresh.WaitAsync(cancellationToken);
        var completes = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            var changes = await grains.GetGrain<IRevocationListGrain>(IdentityGrainKeys.Cluster).GetChangesAsync(_epoch, _lastSequence).WaitAsync(cancellationToken);
            var now = time.GetUtcNow();
            if (changes.IsFull) _entries.Clear();
            foreach (var entry in changes.Entries) _entries[(entry.Kind, entry.Id)] = entry.KeepUntil;
            foreach (var (key, keepUntil) in _entries)
            {
                if (keepUntil <= now) _entries.TryRemove(key, out _);
            }

            (_epoch, _lastSequence, _refreshedAt) = (changes.Epoch, changes.LastSequence, now);
            completes.TrySetResult();
        }
        catch (Exception exception)
        {
            completes.TrySetException(exception);
            throw;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Fetches first if the copy is older than <see cref="RevocationCacheOptions.MaxStaleness"/> (or was never fetched).</summary>
    public async ValueTask EnsureFreshAsync(CancellationToken cancellationToken = default)
    {
        if (_refreshedAt is { } at && time.GetUtcNow() - at <= options.Value.MaxStaleness) return;
        await RefreshAsync(cancellationToken);
    }

    /// <summary>Completes when a fetch that starts after this call has finished (for tests and diagnostics).</summary>
    public Task NextRefreshAsync() => Volatile.Read(ref _next).Task;
}
