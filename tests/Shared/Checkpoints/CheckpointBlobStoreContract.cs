using TDeveloper.Grains.Checkpoints;
using Xunit;

namespace TDeveloper.Tests.Checkpoints;

/// <summary>
/// The contract every checkpoint blob store keeps: a missing key reads as null, a put is read back whole (by another store
/// on the same storage) and replaces, a delete removes and is harmless twice, and a listing names exactly the keys under
/// a prefix, so one session's sweep never sees another's blobs.
/// </summary>
public abstract class CheckpointBlobStoreContract
{
    /// <summary>Starts a store on this test's storage; a second call is another silo (or a restart) on the same storage.</summary>
    protected abstract Task<ICheckpointBlobStore> StartStoreAsync();

    [Fact]
    public async Task A_missing_body_reads_as_null()
    {
        var store = await StartStoreAsync();

        Assert.Null(await store.GetAsync(CheckpointBlobKeys.Body("t/s-missing", "ck-1"), CancellationToken.None));
    }

    [Fact]
    public async Task A_body_is_read_back_whole_by_another_store_and_a_put_replaces_it()
    {
        var key = CheckpointBlobKeys.Body("t/s-1", "ck-1");
        var large = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31)).ToArray();

        await (await StartStoreAsync()).PutAsync(key, [1, 2, 3], CancellationToken.None);
        await (await StartStoreAsync()).PutAsync(key, large, CancellationToken.None);

        Assert.Equal(large, await (await StartStoreAsync()).GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_body_is_gone_and_deleting_it_again_is_harmless()
    {
        var store = await StartStoreAsync();
        var key = CheckpointBlobKeys.File("t/s-2", "00aa");
        await store.PutAsync(key, [1], CancellationToken.None);

        await store.DeleteAsync(key, CancellationToken.None);
        await store.DeleteAsync(key, CancellationToken.None);

        Assert.Null(await store.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_listing_names_the_keys_under_the_prefix_only()
    {
        var store = await StartStoreAsync();
        string[] mine = [CheckpointBlobKeys.Body("t/s-3", "ck-a"), CheckpointBlobKeys.Body("t/s-3", "ck-b"), CheckpointBlobKeys.File("t/s-3", "00bb")];
        foreach (var key in mine.Append(CheckpointBlobKeys.Body("t/s-30", "ck-c")).Append(CheckpointBlobKeys.Body("u/s-3", "ck-d")))
        {
            await store.PutAsync(key, [7], CancellationToken.None);
        }

        Assert.Equal(mine.Order(StringComparer.Ordinal), await (await StartStoreAsync()).ListAsync(CheckpointBlobKeys.PrefixOf("t/s-3"), CancellationToken.None));
        Assert.Empty(await store.ListAsync(CheckpointBlobKeys.PrefixOf("t/s-none"), CancellationToken.None));
    }
}
