using Orleans.Storage;

namespace TDeveloper.Aws.Streams.Kinesis;

/// <summary>The last Kinesis sequence number of a shard whose records every consumer has been given.</summary>
[GenerateSerializer, Alias("TDeveloper.KinesisCheckpoint")]
public sealed class KinesisCheckpoint
{
    /// <summary>Gets or sets the sequence number, or <see langword="null"/> before the first checkpoint.</summary>
    [Id(0)]
    public string? SequenceNumber { get; set; }
}

/// <summary>
/// Keeps each shard's checkpoint as a grain-state item of a grain storage provider (in the AWS mode the DynamoDB grain-state
/// table), one per provider, stream and shard, under the id <c>tdev-kinesis-checkpoint/{provider}/{stream}/{shard}</c>. The
/// store's ETag catches a second writer (two silos briefly owning a shard while it moves): the newer sequence number wins.
/// </summary>
internal sealed class KinesisCheckpointStore(IGrainStorage storage, string providerName, string streamName, string shardId)
{
    private const string StateName = "kinesis-checkpoint";
    private readonly GrainId _id = GrainId.Create("tdev-kinesis-checkpoint", $"{providerName}/{streamName}/{shardId}");
    private readonly GrainState<KinesisCheckpoint> _state = new(new KinesisCheckpoint());

    /// <summary>Gets the sequence number last read or written.</summary>
    public string? SequenceNumber => _state.State?.SequenceNumber;

    /// <summary>Reads the checkpoint.</summary>
    public async Task<string?> ReadAsync()
    {
        await storage.ReadStateAsync(StateName, _id, _state);
        _state.State ??= new KinesisCheckpoint();
        return _state.State.SequenceNumber;
    }

    /// <summary>Moves the checkpoint to <paramref name="sequenceNumber"/> unless it is already there or further.</summary>
    public async Task WriteAsync(string sequenceNumber)
    {
        for (var attempt = 0; ; attempt++)
        {
            _state.State ??= new KinesisCheckpoint();
            if (_state.State.SequenceNumber is { } current && KinesisApiClient.CompareSequenceNumbers(current, sequenceNumber) >= 0) return;
            var previous = _state.State.SequenceNumber;
            _state.State.SequenceNumber = sequenceNumber;
            try
            {
                await storage.WriteStateAsync(StateName, _id, _state);
                return;
            }
            catch (InconsistentStateException) when (attempt < 3)
            {
                _state.State.SequenceNumber = previous;
                await ReadAsync();
            }
        }
    }
}
