using TDeveloper.Aws.Storage;
using static TDeveloper.Aws.Tests.Storage.StorageKit;

namespace TDeveloper.Aws.Tests.Storage;

/// <summary>States over DynamoDB's 400 KB item limit: compression, chunks, clean-up and the size limit.</summary>
[Collection(DynaliteCollection.Name)]
public class DynamoDBGrainStorageLargeStateTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task A_large_incompressible_state_is_split_into_chunks_and_read_back_identically()
    {
        using var scope = await StorageScope.StartAsync(dynalite);
        var blob = RandomBytes(1_500_000);
        var written = With(new SampleState { Text = "large", Blob = blob }, null);
        await scope.WriteAsync(written);

        var head = await scope.HeadAsync();
        var keys = await scope.SortKeysAsync();
        Assert.False(head.ContainsKey("Data"));
        Assert.False(head.ContainsKey("Compression"));
        Assert.Equal(5, int.Parse(head["ChunkCount"].N));
        Assert.Equal(6, keys.Count);
        Assert.All(keys.Where(k => k != "head"), k => Assert.StartsWith($"chunk#{written.ETag}#", k));

        using var restarted = await StartAsync(scope.Options);
        var read = await ReadAsync(restarted, scope.Grain);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("large", read.State!.Text);
        Assert.Equal(blob, read.State.Blob);
    }

    [Fact]
    public async Task Replacing_a_chunked_state_with_a_small_one_leaves_no_orphan_chunks()
    {
        using var scope = await StorageScope.StartAsync(dynalite);
        var state = With(new SampleState { Blob = RandomBytes(1_500_000) }, null);
        await scope.WriteAsync(state);
        state.State = new SampleState { Blob = RandomBytes(900_000) };
        await scope.WriteAsync(state);
        Assert.Equal(4, (await scope.SortKeysAsync()).Count);

        state.State = new SampleState { Text = "small" };
        await scope.WriteAsync(state);

        Assert.Equal(["head"], await scope.SortKeysAsync());
        Assert.Equal("small", (await scope.ReadAsync()).State!.Text);
    }

    [Theory]
    [InlineData(StateCompression.GZip, "gzip")]
    [InlineData(StateCompression.Brotli, "br")]
    public async Task A_compressible_state_above_the_threshold_is_compressed_into_one_item(StateCompression compression, string storedName)
    {
        using var scope = await StorageScope.StartAsync(dynalite, o => o.Compression = compression);
        var text = string.Concat(Enumerable.Repeat("the same line of agent memory, again and again. ", 40_000));

        await scope.WriteAsync(With(new SampleState { Text = text }, null));

        var head = await scope.HeadAsync();
        Assert.Equal(storedName, head["Compression"].S);
        Assert.Equal(0, int.Parse(head["ChunkCount"].N));
        Assert.True(int.Parse(head["StoredBytes"].N) < text.Length / 10);
        Assert.Equal(text, (await scope.ReadAsync()).State!.Text);
    }

    [Fact]
    public async Task A_small_state_is_stored_inline_and_uncompressed()
    {
        using var scope = await StorageScope.StartAsync(dynalite);

        await scope.WriteAsync(With(new SampleState { Text = new string('x', 10_000) }, null));

        var head = await scope.HeadAsync();
        Assert.False(head.ContainsKey("Compression"));
        Assert.True(head.ContainsKey("Data"));
        Assert.Equal(["head"], await scope.SortKeysAsync());
    }

    [Fact]
    public async Task A_state_over_MaxStateBytes_fails_with_a_clear_error_and_the_previous_state_stays()
    {
        using var scope = await StorageScope.StartAsync(dynalite, o => o.MaxStateBytes = 1_000_000);
        var state = With(new SampleState { Text = "previous" }, null);
        await scope.WriteAsync(state);
        var etag = state.ETag;

        state.State = new SampleState { Text = "too big", Blob = RandomBytes(1_500_000) };
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => scope.WriteAsync(state));

        Assert.Contains(scope.Grain.ToString(), failure.Message);
        Assert.Contains("MaxStateBytes", failure.Message);
        Assert.Contains("1,000,000", failure.Message);
        Assert.Matches(@"1,50\d,\d{3} bytes", failure.Message);
        Assert.Equal(etag, state.ETag);
        Assert.Equal(["head"], await scope.SortKeysAsync());
        var read = await scope.ReadAsync();
        Assert.Equal("previous", read.State!.Text);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task A_head_whose_chunks_are_missing_fails_the_read_loudly()
    {
        using var scope = await StorageScope.StartAsync(dynalite);
        var state = With(new SampleState { Blob = RandomBytes(800_000) }, null);
        await scope.WriteAsync(state);

        await scope.Client.DeleteItemAsync(scope.Options.TableName, new() { ["PK"] = new(scope.PartitionKey), ["SK"] = new($"chunk#{state.ETag}#0001") });

        var failure = await Assert.ThrowsAsync<InvalidDataException>(scope.ReadAsync);
        Assert.Contains(state.ETag!, failure.Message);
    }
}
