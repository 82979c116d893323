using Orleans.Storage;

namespace TDeveloper.Bench;

/// <summary>Counts the writes that reach a grain storage, to report persisted writes per workflow step.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private long _writes;

    /// <summary>Gets the writes so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Interlocked.Increment(ref _writes);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
