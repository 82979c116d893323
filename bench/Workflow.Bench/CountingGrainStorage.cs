using System.Collections.Concurrent;
using Orleans.Storage;

namespace TDeveloper.Bench;

/// <summary>Counts the writes and serialized bytes that pass through to the real storage, by state name.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner, IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, (long Writes, long Bytes)> _byState = new();

    /// <summary>Gets the writes and bytes so far, by state name.</summary>
    public IReadOnlyDictionary<string, (long Writes, long Bytes)> ByState => _byState;

    /// <summary>Gets the writes so far.</summary>
    public long Writes => _byState.Values.Sum(v => v.Writes);

    /// <summary>Gets the serialized bytes written so far.</summary>
    public long Bytes => _byState.Values.Sum(v => v.Bytes);

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var bytes = serializer.Serialize(grainState.State).ToMemory().Length;
        _byState.AddOrUpdate(stateName, (1, bytes), (_, v) => (v.Writes + 1, v.Bytes + bytes));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
