using System.Text;
using TDeveloper.Grains.Workspaces;
using Xunit;

namespace TDeveloper.Tests.Workspaces;

/// <summary>
/// The contract every workspace body store keeps: a missing key reads as null, a put is read back whole and replaces,
/// a delete removes and deleting twice is harmless, and sessions do not see each other's bodies. A subclass says how
/// to start a store; each test instance gets a store of its own.
/// </summary>
public abstract class WorkspaceStoreContract
{
    /// <summary>Starts a store on this test's storage; a second call is another silo (or a restart) on the same storage.</summary>
    protected abstract Task<IWorkspaceStore> StartStoreAsync();

    [Fact]
    public async Task A_missing_body_reads_as_null()
    {
        var store = await StartStoreAsync();

        Assert.Null(await store.GetAsync(Key("t/s-missing", "abc"), CancellationToken.None));
    }

    [Fact]
    public async Task A_body_is_read_back_whole_by_another_store_on_the_same_storage_and_a_put_replaces_it()
    {
        var key = Key("t/s-1", "0011");
        var large = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31)).ToArray();

        await (await StartStoreAsync()).PutAsync(key, Encoding.UTF8.GetBytes("first"), CancellationToken.None);
        await (await StartStoreAsync()).PutAsync(key, large, CancellationToken.None);

        Assert.Equal(large, await (await StartStoreAsync()).GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_body_is_gone_and_deleting_it_again_is_harmless()
    {
        var store = await StartStoreAsync();
        var key = Key("t/s-2", "0022");
        await store.PutAsync(key, [1, 2, 3], CancellationToken.None);

        await store.DeleteAsync(key, CancellationToken.None);
        await store.DeleteAsync(key, CancellationToken.None);

        Assert.Null(await store.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Sessions_do_not_share_bodies()
    {
        var store = await StartStoreAsync();
        await store.PutAsync(Key("t/s-a", "0033"), [1], CancellationToken.None);

        Assert.Null(await store.GetAsync(Key("t/s-b", "0033"), CancellationToken.None));
        Assert.Equal(new byte[] { 1 }, await store.GetAsync(Key("t/s-a", "0033"), CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_body_is_a_body()
    {
        var store = await StartStoreAsync();
        var key = Key("t/s-3", "0044");

        await store.PutAsync(key, [], CancellationToken.None);

        Assert.Equal(Array.Empty<byte>(), await store.GetAsync(key, CancellationToken.None));
    }

    private static string Key(string session, string hash) => WorkspaceBlobKey.For(session, hash);
}
