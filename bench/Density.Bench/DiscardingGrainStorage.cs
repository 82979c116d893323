using Orleans.Storage;

namespace TDeveloper.Bench;

/// <summary>
/// Grain storage that keeps nothing (writes succeed with a new ETag, reads find nothing), so that the heap
/// measured is the activations' own and not the copies an in-process memory store holds, which a real
/// store (files, DynamoDB) keeps outside the silo. Only for creating grains once, as this bench does.
/// </summary>
public sealed class DiscardingGrainStorage : IGrainStorage
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
