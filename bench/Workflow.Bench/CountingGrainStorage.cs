using System.Collections.Concurrent;
using Orleans.Storage;
using TDeveloper.Grains.Persistence;

namespace TDeveloper.Bench;

/// <summary>Counts the writes and bytes that pass through to the real storage, by state name: a record's encoded payload, else the state as the storage serializer writes it.</summary>
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
        // A record already holds its encoded bytes; encoding it again here would add a serialization to the path measured.
        var bytes = grainState.State is RecordPayload { Bytes: { } encoded } ? encoded.Length : serializer.Serialize(grainState.State).ToMemory().Length;
        _byState.AddOrUpdate(stateName, (1, bytes), (_, v) => (v.Writes + 1, v.Bytes + bytes));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
