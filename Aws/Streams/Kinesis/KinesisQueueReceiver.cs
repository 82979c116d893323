using System.Numerics;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace TDeveloper.Aws.Streams.Kinesis;

/// <summary>
/// Reads one shard (the Orleans queue whose number is the shard's place among the open shards, by hash range) with GetRecords,
/// starting after the shard's checkpoint. When the pulling agent says batches have left the cache (every consumer has them),
/// the checkpoint moves to the newest of them, so a silo that takes the shard over, or restarts, resumes right after it.
/// </summary>
internal sealed partial class KinesisQueueReceiver(
    QueueId queueId, KinesisApiClient client, Func<string, KinesisCheckpointStore> checkpoints, Serializer<KinesisBatchContainer> serializer,
    KinesisStreamOptions options, ILogger logger) : IQueueAdapterReceiver
{
    private string? _shardId;
    private string? _iterator;
    private string? _lastRead;
    private KinesisCheckpointStore? _checkpoint;
    private long _counter;

    /// <summary>Gets the shard this receiver reads, once initialized (null when the stream has fewer open shards than queues).</summary>
    public string? ShardId => _shardId;

    public async Task Initialize(TimeSpan timeout)
    {
        var shards = await OpenShardsAsync(client);
        var index = (int)queueId.GetNumericId();
        if (index >= shards.Count)
        {
            LogNoShard(logger, queueId.ToString(), client.StreamName, shards.Count);
            return;
        }

        _shardId = shards[index].ShardId;
        _checkpoint = checkpoints(_shardId);
        _lastRead = await _checkpoint.ReadAsync();
        // Tokens grow across restarts too: a new receiver starts its counter at the clock's ticks.
        _counter = DateTime.UtcNow.Ticks;
        _iterator = await NewIteratorAsync();
        LogStarted(logger, _shardId, queueId.ToString(), _lastRead ?? options.StartPosition.ToString());
    }

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (_iterator is null) return [];
        GetRecordsResponse response;
        try
        {
            response = await client.GetRecordsAsync(_iterator, Math.Max(maxCount, 1));
        }
        catch (KinesisException ex) when (ex.ErrorCode == "ExpiredIteratorException")
        {
            _iterator = await NewIteratorAsync();
            return [];
        }
        catch (KinesisException ex) when (ex.IsRetryable)
        {
            // Already backed off inside the client; the pulling agent polls again on its next tick.
            LogReadFailed(logger, ex, _shardId!, ex.ErrorCode);
            return [];
        }

        _iterator = response.NextShardIterator;
        if (_iterator is null) LogShardEnded(logger, _shardId!);
        var batches = new List<IBatchContainer>(response.Records?.Count ?? 0);
        foreach (var record in response.Records ?? [])
        {
            _lastRead = record.SequenceNumber;
            KinesisBatchContainer? batch;
            try
            {
                batch = serializer.Deserialize(record.Data);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A record another writer put on the stream: skipped, never retried forever.
                LogUnreadable(logger, ex, _shardId!, record.SequenceNumber);
                continue;
            }

            if (batch is null) continue;

            batch.Token = new EventSequenceTokenV2(++_counter);
            batch.KinesisSequenceNumber = record.SequenceNumber;
            batches.Add(batch);
        }

        return batches;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        if (_checkpoint is null) return;
        string? newest = null;
        foreach (var message in messages)
        {
            if (message is KinesisBatchContainer { KinesisSequenceNumber: { } sequence } && (newest is null || KinesisApiClient.CompareSequenceNumbers(sequence, newest) > 0)) newest = sequence;
        }

        if (newest is not null) await _checkpoint.WriteAsync(newest);
    }

    public Task Shutdown(TimeSpan timeout)
    {
        _iterator = null;
        return Task.CompletedTask;
    }

    /// <summary>Lists the stream's open shards in hash-range order, which numbers the Orleans queues.</summary>
    internal static async Task<IReadOnlyList<Shard>> OpenShardsAsync(KinesisApiClient client) =>
        [.. (await client.ListShardsAsync()).Where(s => s.IsOpen).OrderBy(s => BigInteger.Parse(s.HashKeyRange.StartingHashKey))];

    private Task<string> NewIteratorAsync() => _lastRead is { } after
        ? client.GetShardIteratorAsync(_shardId!, "AFTER_SEQUENCE_NUMBER", after)
        : client.GetShardIteratorAsync(_shardId!, options.StartPosition == KinesisStartPosition.Latest ? "LATEST" : "TRIM_HORIZON");

    [LoggerMessage(1, LogLevel.Warning, "Queue {Queue} has no open shard in Kinesis stream {Stream} ({Count} open); it reads nothing. Set ShardCount to the stream's shard count.")]
    private static partial void LogNoShard(ILogger logger, string queue, string stream, int count);

    [LoggerMessage(2, LogLevel.Information, "Reading Kinesis shard {Shard} as queue {Queue}, from {Position}")]
    private static partial void LogStarted(ILogger logger, string shard, string queue, string position);

    [LoggerMessage(3, LogLevel.Warning, "Reading Kinesis shard {Shard} failed ({Code}); polling again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string shard, string code);

    [LoggerMessage(4, LogLevel.Warning, "Kinesis shard {Shard} is closed and read to its end (resharding is not followed)")]
    private static partial void LogShardEnded(ILogger logger, string shard);

    [LoggerMessage(5, LogLevel.Error, "Kinesis record {Sequence} of shard {Shard} is not a T-Developer batch; skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string shard, string sequence);
}
