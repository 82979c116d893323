using TDeveloper.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Providers;
using Orleans.Providers.Streams.Common;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.TestingHost;
using TDeveloper.Aws.Storage;
using TDeveloper.Aws.Streams.Kinesis;

namespace TDeveloper.Aws.Tests.Streams;

/// <summary>The Kinesis provider in real in-process silos over kinesalite, with checkpoints in DynamoDB grain storage on dynalite.</summary>
[Collection(KinesisCollection.Name)]
public class KinesisStreamSiloTests(KinesisFixture kinesis)
{
    private const string Provider = "kinesis";
    private const string CheckpointStore = "kinesis-checkpoints";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_streams_events_arrive_once_and_in_order_while_streams_are_written_concurrently()
    {
        var stream = KinesisFixture.NewStreamName();
        var cluster = await StartAsync(stream, silos: 1, shards: 2);
        try
        {
            var keys = Enumerable.Range(0, 4).Select(i => $"{stream}-order-{i}").ToList();
            await Task.WhenAll(keys.Select(async key =>
            {
                var producer = StreamOf(cluster.Client, key);
                for (var i = 0; i < 30; i++) await producer.OnNextAsync(i);
            }));

            foreach (var key in keys)
            {
                await KinesisDeliveries.WaitForAsync(key, Enumerable.Range(0, 30), Bound);
                Assert.Equal(Enumerable.Range(0, 30), KinesisDeliveries.Of(key));
            }
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_restarted_cluster_resumes_after_its_checkpoint_and_loses_nothing_written_while_it_was_down()
    {
        var stream = KinesisFixture.NewStreamName();
        var serviceId = "kinesis-restart-" + Guid.NewGuid().ToString("N")[..8];
        var key = $"{stream}-restart";
        var cluster = await StartAsync(stream, silos: 1, shards: 1, serviceId);
        try
        {
            var producer = StreamOf(cluster.Client, key);
            for (var i = 0; i < 60; i++) await producer.OnNextAsync(i);
            await KinesisDeliveries.WaitForAsync(key, Enumerable.Range(0, 60), Bound);
            // The checkpoint moves when delivered batches leave the silo's cache; wait for it to pass the first batches.
            await WaitForCheckpointAsync(cluster, stream);
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        // Written while no silo reads the stream, by the adapter alone (as a cluster client would).
        var before = KinesisDeliveries.Of(key).Count;
        await using (var services = new ServiceCollection().AddSerializer().BuildServiceProvider())
        {
            using var writer = new KinesisQueueAdapterFactory(Provider, Options(stream, shards: 1), services, NullLoggerFactory.Instance);
            for (var i = 60; i < 80; i++) await writer.QueueMessageBatchAsync(StreamId.Create(KinesisProbeGrain.Namespace, key), [i], null, null);
        }

        cluster = await StartAsync(stream, silos: 1, shards: 1, serviceId);
        try
        {
            var producer = StreamOf(cluster.Client, key);
            for (var i = 80; i < 100; i++) await producer.OnNextAsync(i);
            await KinesisDeliveries.WaitForAsync(key, Enumerable.Range(60, 40), Bound);
            var afterRestart = KinesisDeliveries.Of(key).Skip(before).ToList();
            Assert.Equal(Enumerable.Range(0, 100), KinesisDeliveries.Of(key).Distinct().Order());
            // Resumed after the checkpoint, not from the shard's start: the first redelivered value is past 0, and order held.
            Assert.True(afterRestart[0] > 0, $"resumed at {afterRestart[0]}");
            Assert.Equal(Enumerable.Range(afterRestart[0], 100 - afterRestart[0]), afterRestart);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Shards_are_shared_when_a_second_silo_joins_and_taken_back_when_it_leaves_and_events_still_arrive()
    {
        var stream = KinesisFixture.NewStreamName();
        var cluster = await StartAsync(stream, silos: 1, shards: 4);
        try
        {
            await WaitUntilAsync(async () => await RunningAgentsAsync(cluster.Silos[0]) == 4);
            var second = await cluster.StartAdditionalSiloAsync();

            // The consistent ring gives the second silo the queues in its share of the hash range: with 4 queues that may be none
            // (seen in one of three full runs), so the join is checked by its effect (every queue read by exactly one silo, every
            // stream's events arriving), and the hand-back when it leaves again, which is certain, by the first silo's count.
            var keys = Enumerable.Range(0, 8).Select(i => $"{stream}-join-{i}").ToList();
            foreach (var key in keys) await StreamOf(cluster.Client, key).OnNextAsync(7);
            foreach (var key in keys) await KinesisDeliveries.WaitForAsync(key, [7], Bound);
            Assert.Equal(4, await RunningAgentsAsync(cluster.Silos[0]) + await RunningAgentsAsync(second));

            await cluster.StopSiloAsync(second);
            await WaitUntilAsync(async () => await RunningAgentsAsync(cluster.Silos[0]) == 4);
            foreach (var key in keys) await StreamOf(cluster.Client, key).OnNextAsync(8);
            foreach (var key in keys) await KinesisDeliveries.WaitForAsync(key, [7, 8], Bound);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static IAsyncStream<int> StreamOf(IClusterClient client, string key) =>
        client.GetStreamProvider(Provider).GetStream<int>(StreamId.Create(KinesisProbeGrain.Namespace, key));

    private static async Task<int> RunningAgentsAsync(InProcessSiloHandle silo)
    {
        var provider = (IControllable)silo.ServiceProvider.GetRequiredKeyedService<IStreamProvider>(Provider);
        return (int)(await provider.ExecuteCommand((int)PersistentStreamProviderCommand.GetNumberRunningAgents, null!))!;
    }

    private async Task WaitForCheckpointAsync(InProcessTestCluster cluster, string stream)
    {
        using var client = new KinesisApiClient(Options(stream, shards: 1));
        var shard = (await KinesisQueueReceiver.OpenShardsAsync(client)).Single();
        var store = new KinesisCheckpointStore(cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(CheckpointStore), Provider, stream, shard.ShardId);
        await WaitUntilAsync(async () => await store.ReadAsync() is not null);
    }

    // A bounded poll on purpose: queue ownership and checkpoints announce nothing a test can await.
    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Polling.UntilAsync(condition, met => met, Bound, TimeSpan.FromMilliseconds(100), _ => "the awaited queue ownership or checkpoint did not come");

    private KinesisStreamOptions Options(string stream, int shards)
    {
        var options = kinesis.Configure(new KinesisStreamOptions(), stream);
        options.ShardCount = shards;
        options.CheckpointStorage = CheckpointStore;
        options.CacheSize = 16;
        return options;
    }

    private async Task<InProcessTestCluster> StartAsync(string stream, short silos, int shards, string? serviceId = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        if (serviceId is not null) builder.Options.ServiceId = serviceId;
        var options = Options(stream, shards);
        void Configure(KinesisStreamOptions o)
        {
            kinesis.Configure(o, stream);
            o.ShardCount = options.ShardCount;
            o.CheckpointStorage = options.CheckpointStorage;
            o.CacheSize = options.CacheSize;
        }

        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddDynamoDBGrainStorage(CheckpointStore, o => kinesis.Dynalite.Configure(o).TableName = "kinesis-checkpoints");
            silo.AddKinesisStreams(Provider, o => o.Configure(Configure));
        });
        builder.ConfigureClient(client => client.AddKinesisStreams(Provider, o => o.Configure(Configure)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
