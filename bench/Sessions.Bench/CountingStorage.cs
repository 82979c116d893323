using System.Collections.Concurrent;
using Orleans.Storage;
using TDeveloper.Grains.Persistence;

namespace TDeveloper.Bench;

/// <summary>
/// Grain storage that serializes each write the way a real store does (so its CPU is paid and its size counted, by state
/// name) and keeps nothing in the process: a real store (files, DynamoDB) holds the state outside the silo, so the heap
/// measured is the activations' own. Reads find nothing, which is right only while no grain is reactivated, as in this bench.
/// </summary>
public sealed class CountingStorage(IGrainStorageSerializer serializer, StorageCounters counters) : IGrainStorage
{
    private long _etag;

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var bytes = grainState.State is RecordPayload { Bytes: { } encoded } ? encoded.Length : serializer.Serialize(grainState.State).ToMemory().Length;
        counters.Add(grainId.Key.ToString().Contains("warm/", StringComparison.Ordinal) ? $"{stateName} (warm-up)" : stateName, bytes); // the warm-up tenant apart
        grainState.ETag = Interlocked.Increment(ref _etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}

/// <summary>The writes and bytes of every <see cref="CountingStorage"/> of the process (both silos), by state name.</summary>
public sealed class StorageCounters
{
    private readonly ConcurrentDictionary<string, (long Writes, long Bytes)> _byState = new();

    /// <summary>Counts one write.</summary>
    public void Add(string stateName, long bytes) => _byState.AddOrUpdate(stateName, (1, bytes), (_, v) => (v.Writes + 1, v.Bytes + bytes));

    /// <summary>Gets the writes and bytes so far of one state name.</summary>
    public (long Writes, long Bytes) Of(string stateName) => _byState.GetValueOrDefault(stateName);

    /// <summary>Gets the writes so far of every state name.</summary>
    public long Writes => _byState.Values.Sum(v => v.Writes);
}
