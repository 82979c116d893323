using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace TDeveloper.Tests.Storage;

/// <summary>A grain state for the contract, serialized as JSON so any test project can use it without code generation.</summary>
public sealed class ContractState
{
    public string Text { get; set; } = "";

    public int Counter { get; set; }
}

/// <summary>
/// The contract every grain storage keeps: a fresh read has no record, writes survive a restart, every write advances the
/// ETag, a stale, blind or invented ETag is refused with <see cref="InconsistentStateException"/>, and of two writers from
/// the same ETag exactly one wins. A subclass says how to start a provider; each test instance has a store of its own.
/// </summary>
public abstract class GrainStorageContract
{
    private const string StateName = "state";

    /// <summary>Starts a provider on this test's store; a second call is another silo (or a restart) on the same store.</summary>
    protected abstract Task<IGrainStorage> StartStorageAsync();

    [Fact]
    public async Task Reading_a_state_never_written_gives_a_new_state_no_etag_and_no_record()
    {
        var read = await ReadAsync(await StartStorageAsync(), NewGrain());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal("", read.State!.Text);
    }

    [Fact]
    public async Task A_written_state_is_read_back_by_a_new_provider_as_after_a_restart()
    {
        var grain = NewGrain();
        var written = With(new ContractState { Text = "hello", Counter = 7 }, null);
        await (await StartStorageAsync()).WriteStateAsync(StateName, grain, written);

        var read = await ReadAsync(await StartStorageAsync(), grain);

        Assert.True(written.RecordExists);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("hello", read.State!.Text);
        Assert.Equal(7, read.State!.Counter);
    }

    [Fact]
    public async Task Every_write_advances_the_etag_and_the_replaced_etag_is_refused()
    {
        var storage = await StartStorageAsync();
        var grain = NewGrain();
        var state = With(new ContractState { Counter = 1 }, null);

        await storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;
        state.State = new ContractState { Counter = 2 };
        await storage.WriteStateAsync(StateName, grain, state);

        Assert.NotNull(first);
        Assert.NotEqual(first, state.ETag);
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, With(new ContractState { Counter = 99 }, first)));
        Assert.Equal(state.ETag, stale.StoredEtag);
        Assert.Equal(first, stale.CurrentEtag);
        Assert.Equal(2, (await ReadAsync(storage, grain)).State!.Counter);
    }

    [Fact]
    public async Task A_write_without_etag_over_an_existing_record_is_refused()
    {
        var storage = await StartStorageAsync();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, With(new ContractState { Text = "first" }, null));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, With(new ContractState { Text = "blind" }, null)));

        Assert.Equal("first", (await ReadAsync(storage, grain)).State!.Text);
    }

    [Fact]
    public async Task A_write_with_an_etag_where_no_record_exists_is_refused()
    {
        var storage = await StartStorageAsync();
        var grain = NewGrain();

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, With(new ContractState(), "1-invented")));

        Assert.False((await ReadAsync(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task Of_two_writers_from_the_same_etag_exactly_one_wins_and_the_other_is_told()
    {
        var first = await StartStorageAsync();
        var second = await StartStorageAsync();
        var grain = NewGrain();
        var current = With(new ContractState(), null);
        await first.WriteStateAsync(StateName, grain, current);

        for (var round = 0; round < 10; round++)
        {
            var fromFirst = With(new ContractState { Text = "first", Counter = round }, current.ETag);
            var fromSecond = With(new ContractState { Text = "second", Counter = round }, current.ETag);

            var outcomes = await Task.WhenAll(Outcome(first.WriteStateAsync(StateName, grain, fromFirst)), Outcome(second.WriteStateAsync(StateName, grain, fromSecond)));

            Assert.Single(outcomes, o => o is null);
            Assert.Single(outcomes, o => o is InconsistentStateException);
            var winner = outcomes[0] is null ? fromFirst : fromSecond;
            var read = await ReadAsync(second, grain);
            Assert.Equal(winner.ETag, read.ETag);
            Assert.Equal(winner.State!.Text, read.State!.Text);
            current = read;
        }
    }

    private static GrainId NewGrain() => GrainId.Create("storage-contract", Guid.NewGuid().ToString("N"));

    private static GrainState<ContractState> With(ContractState value, string? etag) => new(value, etag);

    private static async Task<GrainState<ContractState>> ReadAsync(IGrainStorage storage, GrainId grain)
    {
        var state = new GrainState<ContractState>();
        await storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    /// <summary>Gets how a write ended: the exception it threw, or null; for racing writers.</summary>
    internal static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
