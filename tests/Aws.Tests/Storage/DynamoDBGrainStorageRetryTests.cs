using Amazon.DynamoDBv2.Model;
using TDeveloper.Aws.Storage;
using static TDeveloper.Aws.Tests.Storage.StorageKit;

namespace TDeveloper.Aws.Tests.Storage;

/// <summary>
/// Writes whose response is lost after DynamoDB applied them: the SDK resends, the resent conditional request fails its
/// own condition, and the provider must still report success and leave no chunk behind. Also the orphan sweep.
/// </summary>
[Collection(DynaliteCollection.Name)]
public class DynamoDBGrainStorageRetryTests(DynaliteFixture dynalite)
{
    private const string HeadKey = "\"S\":\"head\"";

    [Fact]
    public async Task A_put_that_landed_but_was_retried_succeeds_and_removes_the_replaced_chunks()
    {
        var handler = LoseTheSecondHeadPut();
        using var scope = await StorageScope.StartAsync(dynalite, createClient: handler.CreateClient);
        var state = With(new SampleState { Text = "first", Blob = RandomBytes(900_000) }, null);
        await scope.WriteAsync(state);
        var replaced = state.ETag;

        state.State = new SampleState { Text = "second" };
        await scope.WriteAsync(state);

        Assert.Equal(1, handler.Lost);
        Assert.NotEqual(replaced, state.ETag);
        Assert.Equal(["head"], await scope.SortKeysAsync());
        var read = await scope.ReadAsync();
        Assert.Equal((state.ETag, "second"), (read.ETag, read.State!.Text));
    }

    [Fact]
    public async Task A_chunked_put_that_landed_but_was_retried_keeps_its_own_chunks_only()
    {
        var handler = LoseTheSecondHeadPut();
        using var scope = await StorageScope.StartAsync(dynalite, createClient: handler.CreateClient);
        var state = With(new SampleState { Text = "first", Blob = RandomBytes(900_000) }, null);
        await scope.WriteAsync(state);

        var blob = RandomBytes(800_000);
        state.State = new SampleState { Text = "second", Blob = blob };
        await scope.WriteAsync(state);

        Assert.Equal(1, handler.Lost);
        var keys = await scope.SortKeysAsync();
        Assert.Equal(4, keys.Count);
        Assert.All(keys.Where(k => k != "head"), k => Assert.StartsWith($"chunk#{state.ETag}#", k));
        Assert.Equal(blob, (await scope.ReadAsync()).State!.Blob);
    }

    [Fact]
    public async Task A_clear_with_DeleteStateOnClear_that_landed_but_was_retried_succeeds_and_leaves_nothing()
    {
        var handler = new LostResponseHandler((operation, body) => operation == "DeleteItem" && body.Contains(HeadKey, StringComparison.Ordinal));
        using var scope = await StorageScope.StartAsync(dynalite, o => o.DeleteStateOnClear = true, handler.CreateClient);
        var state = With(new SampleState { Text = "doomed", Blob = RandomBytes(900_000) }, null);
        await scope.WriteAsync(state);

        await scope.Storage.ClearStateAsync(StateName, scope.Grain, state);

        Assert.Equal(1, handler.Lost);
        Assert.Null(state.ETag);
        Assert.Empty(await scope.SortKeysAsync());
        Assert.False((await scope.ReadAsync()).RecordExists);
    }

    [Fact]
    public async Task A_clear_from_a_stale_etag_over_a_newer_state_is_still_refused()
    {
        using var scope = await StorageScope.StartAsync(dynalite, o => o.DeleteStateOnClear = true);
        var state = With(new SampleState { Text = "one" }, null);
        await scope.WriteAsync(state);
        var stale = With(new SampleState(), state.ETag);
        await scope.WriteAsync(state);

        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => scope.Storage.ClearStateAsync(StateName, scope.Grain, stale));
        Assert.Equal(state.ETag, (await scope.ReadAsync()).ETag);
    }

    [Fact]
    public async Task A_large_write_sweeps_orphaned_chunks_older_than_the_grace_period_and_keeps_young_ones()
    {
        using var scope = await StorageScope.StartAsync(dynalite);
        var state = With(new SampleState { Blob = RandomBytes(900_000) }, null);
        await scope.WriteAsync(state);
        var now = DateTimeOffset.UtcNow;
        await PutChunkAsync(scope, "chunk#7-crashed#0000", now - scope.Options.OrphanedChunkGracePeriod - TimeSpan.FromMinutes(1));
        await PutChunkAsync(scope, "chunk#7-crashed#0001", now - scope.Options.OrphanedChunkGracePeriod - TimeSpan.FromMinutes(1));
        await PutChunkAsync(scope, "chunk#8-racing#0000", now); // a racing writer's, its head not yet put
        await PutChunkAsync(scope, "chunk#6-legacy#0000", writtenAt: null); // written before chunks were dated

        state.State = new SampleState { Blob = RandomBytes(800_000) };
        await scope.WriteAsync(state);

        var keys = await scope.SortKeysAsync();
        Assert.DoesNotContain(keys, k => k.StartsWith("chunk#7-crashed#", StringComparison.Ordinal));
        Assert.Contains("chunk#8-racing#0000", keys);
        Assert.Contains("chunk#6-legacy#0000", keys);
        Assert.Equal(3, keys.Count(k => k.StartsWith($"chunk#{state.ETag}#", StringComparison.Ordinal)));
        Assert.Equal(6, keys.Count);
    }

    [Fact]
    public async Task A_sweep_reads_a_bounded_number_of_pages_and_the_next_large_write_goes_on()
    {
        using var scope = await StorageScope.StartAsync(dynalite);
        var state = With(new SampleState { Blob = RandomBytes(400_000) }, null);
        await scope.WriteAsync(state);
        var old = DateTimeOffset.UtcNow - scope.Options.OrphanedChunkGracePeriod - TimeSpan.FromMinutes(1);
        const int orphans = 450; // sorted before the state's own chunks ("chunk#0-…" < "chunk#2-…")
        foreach (var batch in Enumerable.Range(0, orphans).Chunk(25))
        {
            await scope.Client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = { [scope.Options.TableName] = [.. batch.Select(i => new WriteRequest(new PutRequest(ChunkItem(scope, $"chunk#0-orphan{i:D4}#0000", old))))] },
            });
        }

        state.State = new SampleState { Blob = RandomBytes(400_000) };
        await scope.WriteAsync(state);
        var left = (await scope.SortKeysAsync()).Count(k => k.StartsWith("chunk#0-orphan", StringComparison.Ordinal));
        state.State = new SampleState { Blob = RandomBytes(400_000) };
        await scope.WriteAsync(state);

        Assert.Equal(orphans - (GrainStateTable.SweepPages * GrainStateTable.SweepPageSize), left);
        Assert.Equal(3, (await scope.SortKeysAsync()).Count); // the head and the state's two chunks
    }

    [Fact]
    public async Task A_grace_period_under_a_minute_is_refused()
    {
        var options = Options(dynalite, o => o.OrphanedChunkGracePeriod = TimeSpan.FromSeconds(5));

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Create(options));

        Assert.Contains("OrphanedChunkGracePeriod", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Loses the response of the second write's head put (the first creates the state).</summary>
    private static LostResponseHandler LoseTheSecondHeadPut()
    {
        var headPuts = 0;
        return new LostResponseHandler((operation, body) => operation == "PutItem" && body.Contains(HeadKey, StringComparison.Ordinal) && Interlocked.Increment(ref headPuts) == 2);
    }

    private static Task PutChunkAsync(StorageScope scope, string sortKey, DateTimeOffset? writtenAt) =>
        scope.Client.PutItemAsync(new PutItemRequest { TableName = scope.Options.TableName, Item = ChunkItem(scope, sortKey, writtenAt) });

    private static Dictionary<string, AttributeValue> ChunkItem(StorageScope scope, string sortKey, DateTimeOffset? writtenAt)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["PK"] = new(scope.PartitionKey),
            ["SK"] = new(sortKey),
            ["Data"] = new() { B = new MemoryStream([1, 2, 3]) },
        };
        if (writtenAt is { } at) item["WrittenAt"] = new(at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return item;
    }
}
