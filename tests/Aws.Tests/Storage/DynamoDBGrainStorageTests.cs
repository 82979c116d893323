using Orleans.Storage;
using static TDeveloper.Aws.Tests.Storage.StorageKit;

namespace TDeveloper.Aws.Tests.Storage;

/// <summary>The DynamoDB grain storage beyond the shared contract (<see cref="DynamoDBGrainStorageContractTests"/>): clears, key isolation, layout, options.</summary>
[Collection(DynaliteCollection.Name)]
public class DynamoDBGrainStorageTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Clear_without_DeleteStateOnClear_writes_an_empty_record_that_keeps_the_etag_chain()
    {
        using var scope = await StorageScope.StartAsync(dynalite);
        var grain = scope.Grain;
        var state = With(new SampleState { Text = "to clear" }, null);
        await scope.WriteAsync(state);
        var beforeClear = state.ETag;

        await Assert.ThrowsAsync<InconsistentStateException>(() => scope.Storage.ClearStateAsync(StateName, grain, With(new SampleState(), "1-stale")));
        await scope.Storage.ClearStateAsync(StateName, grain, state);

        Assert.False(state.RecordExists);
        Assert.NotNull(state.ETag);
        Assert.NotEqual(beforeClear, state.ETag);
        Assert.Equal("", state.State!.Text);
        using var restarted = await StartAsync(scope.Options);
        var read = await ReadAsync(restarted, grain);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal("", read.State!.Text);
        await Assert.ThrowsAsync<InconsistentStateException>(() => restarted.WriteStateAsync(StateName, grain, With(new SampleState(), null)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => restarted.WriteStateAsync(StateName, grain, With(new SampleState(), beforeClear)));
        await restarted.WriteStateAsync(StateName, grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Clear_with_DeleteStateOnClear_deletes_the_items_and_a_new_record_may_start_without_etag()
    {
        using var scope = await StorageScope.StartAsync(dynalite, o => o.DeleteStateOnClear = true);
        var state = With(new SampleState { Blob = RandomBytes(800_000) }, null);
        await scope.WriteAsync(state);
        Assert.True((await scope.SortKeysAsync()).Count > 1);

        await Assert.ThrowsAsync<InconsistentStateException>(() => scope.Storage.ClearStateAsync(StateName, scope.Grain, With(new SampleState(), null)));
        await scope.Storage.ClearStateAsync(StateName, scope.Grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Empty(await scope.SortKeysAsync());
        var read = await scope.ReadAsync();
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        await scope.WriteAsync(With(new SampleState { Text = "again" }, null));
        Assert.Equal("again", (await scope.ReadAsync()).State!.Text);
    }

    [Fact]
    public async Task Two_service_ids_sharing_a_table_do_not_see_each_others_state()
    {
        var options = Options(dynalite);
        using var serviceA = await StartAsync(options, "service-a");
        using var serviceB = await StartAsync(options, "service-b");
        var grain = NewGrainId();

        await serviceA.WriteStateAsync(StateName, grain, With(new SampleState { Text = "A" }, null));
        Assert.False((await ReadAsync(serviceB, grain)).RecordExists);
        await serviceB.WriteStateAsync(StateName, grain, With(new SampleState { Text = "B" }, null));

        Assert.Equal("A", (await ReadAsync(serviceA, grain)).State!.Text);
        Assert.Equal("B", (await ReadAsync(serviceB, grain)).State!.Text);
    }

    [Fact]
    public async Task Slashes_in_service_ids_and_state_names_cannot_make_two_keys_meet()
    {
        var options = Options(dynalite);
        using var nested = await StartAsync(options, "tenant/x");
        using var outer = await StartAsync(options, "tenant");
        var grain = NewGrainId();

        await nested.WriteStateAsync("state", grain, With(new SampleState { Text = "nested" }, null));

        Assert.False((await ReadAsync(outer, grain, "x/state")).RecordExists);
    }

    [Fact]
    public async Task A_grain_key_longer_than_dynamodb_allows_is_refused_by_name()
    {
        using var storage = await StartAsync(Options(dynalite));
        var grain = GrainId.Create("storage-test", new string('k', 2100));

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteStateAsync(StateName, grain, With(new SampleState(), null)));

        Assert.Contains("2048", failure.Message);
    }

    [Fact]
    public async Task The_json_option_round_trips_and_stores_readable_json()
    {
        using var scope = await StorageScope.StartAsync(dynalite, o => o.UseJson = true);

        await scope.WriteAsync(With(new SampleState { Text = "readable", Counter = 3, Blob = [9] }, null));

        var read = await scope.ReadAsync();
        Assert.Equal(("readable", 3), (read.State!.Text, read.State.Counter));
        Assert.Equal([9], read.State.Blob);
        var head = await scope.HeadAsync();
        var json = System.Text.Encoding.UTF8.GetString(head["Data"].B.ToArray());
        Assert.Contains("\"text\":\"readable\"", json);
        Assert.Contains("\"counter\":3", json);
    }

    [Fact]
    public async Task A_missing_table_fails_initialization_naming_the_table_when_creation_is_not_allowed()
    {
        var options = Options(dynalite, o => o.CreateIfNotExists = false);
        using var storage = Create(options);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains(options.TableName, failure.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAsync(storage, NewGrainId()));
    }
}
