using System.Text;
using TDeveloper.Aws.Streams.Kinesis;

namespace TDeveloper.Aws.Tests.Streams;

[Collection(KinesisCollection.Name)]
public class KinesisApiClientTests(KinesisFixture kinesis)
{
    [Fact]
    public async Task Records_put_on_a_new_stream_are_read_back_from_their_shards_in_order_per_partition_key()
    {
        using var client = new KinesisApiClient(kinesis.Configure(new KinesisStreamOptions(), KinesisFixture.NewStreamName()));
        await client.EnsureStreamAsync(shardCount: 2, TimeSpan.FromSeconds(30));

        var shards = await KinesisQueueReceiver.OpenShardsAsync(client);
        Assert.Equal(2, shards.Count);
        var records = Enumerable.Range(0, 40).Select(i => new PutRecordsEntry(Encoding.UTF8.GetBytes($"{i % 4}:{i}"), $"key-{i % 4}")).ToList();
        var sequences = await client.PutRecordsAsync(records);
        Assert.Equal(40, sequences.Distinct().Count());

        var read = new List<KinesisRecord>();
        foreach (var shard in shards)
        {
            var iterator = await client.GetShardIteratorAsync(shard.ShardId, "TRIM_HORIZON");
            var page = await client.GetRecordsAsync(iterator, 1000);
            Assert.NotNull(page.NextShardIterator);
            if (page.Records is not { Count: > 0 } inShard) continue;
            read.AddRange(inShard);
            // Resuming after a record (what a checkpoint does) yields exactly the shard's later records.
            var resumed = await client.GetRecordsAsync(await client.GetShardIteratorAsync(shard.ShardId, "AFTER_SEQUENCE_NUMBER", inShard[0].SequenceNumber), 1000);
            Assert.Equal(inShard.Skip(1).Select(r => r.SequenceNumber), resumed.Records!.Select(r => r.SequenceNumber));
        }

        Assert.Equal(40, read.Count);
        foreach (var key in read.GroupBy(r => r.PartitionKey))
        {
            var values = key.Select(r => int.Parse(Encoding.UTF8.GetString(r.Data).Split(':')[1])).ToList();
            Assert.Equal(values.Order(), values);
            Assert.Equal(10, values.Count);
        }
    }

    [Fact]
    public async Task A_missing_stream_is_a_kinesis_error_naming_the_type_and_is_not_retried()
    {
        using var client = new KinesisApiClient(kinesis.Configure(new KinesisStreamOptions { MaxAttempts = 20, BackoffBase = TimeSpan.FromSeconds(10), BackoffMax = TimeSpan.FromSeconds(10) }, KinesisFixture.NewStreamName()));

        var error = await Assert.ThrowsAsync<KinesisException>(() => client.ListShardsAsync()).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Null(await client.DescribeStreamSummaryAsync());
    }

    [Fact]
    public void Back_off_grows_exponentially_and_stays_under_its_bound()
    {
        using var client = new KinesisApiClient(new KinesisStreamOptions { BackoffBase = TimeSpan.FromMilliseconds(100), BackoffMax = TimeSpan.FromSeconds(1) });

        Assert.InRange(client.Backoff(1).TotalMilliseconds, 50, 100);
        Assert.InRange(client.Backoff(3).TotalMilliseconds, 200, 400);
        Assert.InRange(client.Backoff(30).TotalMilliseconds, 500, 1000);
    }
}
