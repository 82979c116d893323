using TDeveloper.Aws.Membership;

namespace TDeveloper.Aws.Tests.Membership;

/// <summary>
/// A writer that stops after committing a change to the version item but before copying the row to its row item:
/// the change is visible at once, and the next writer (or the silo's own heartbeat) finishes it.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class MembershipTableCrashTests(DynaliteFixture dynalite)
{
    private readonly MembershipTestCluster _cluster = new(dynalite);

    [Fact]
    public async Task A_committed_insert_whose_writer_stopped_is_read_and_finished_by_the_next_writer()
    {
        using var table = await _cluster.StartSiloAsync();
        var bystander = TestEntries.Create(SiloStatus.Active);
        await MembershipTestCluster.InsertAsync(table, bystander);
        var before = await table.ReadAllAsync();
        var stopped = TestEntries.Create();
        var committed = await CommitWithoutFinishingAsync(before.Version, stopped);

        var read = await table.ReadAllAsync();
        Assert.Equal(committed.TableVersion, read.Version);
        Assert.Equal(stopped.ToFullString(), read.TryGet(stopped.SiloAddress)!.Item1.ToFullString());
        Assert.Equal(stopped.SiloAddress, Assert.Single((await table.ReadRowAsync(stopped.SiloAddress)).Members).Item1.SiloAddress);
        Assert.Equal(2, await _cluster.CountItemsAsync()); // the row item is not written yet
        Assert.False(await table.InsertRowAsync(stopped, read.Version.Next()), "the silo already has a row");
        Assert.False(await table.InsertRowAsync(TestEntries.Create(), before.Version.Next()), "the version moved");

        var next = TestEntries.Create();
        Assert.True(await table.InsertRowAsync(next, read.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        Assert.Equal(3, after.Members.Count);
        Assert.Equal(read.TryGet(stopped.SiloAddress)!.Item2, after.TryGet(stopped.SiloAddress)!.Item2);
        Assert.Equal(4, await _cluster.CountItemsAsync());
    }

    [Fact]
    public async Task A_committed_update_whose_writer_stopped_wins_over_the_row_item_and_its_etag_is_the_one_to_use()
    {
        using var table = await _cluster.StartSiloAsync();
        var entry = TestEntries.Create();
        await MembershipTestCluster.InsertAsync(table, entry);
        var before = await table.ReadAllAsync();
        var oldETag = before.TryGet(entry.SiloAddress)!.Item2;
        await CommitWithoutFinishingAsync(before.Version, entry.With(SiloStatus.Active));

        var read = await table.ReadAllAsync();
        var (row, etag) = read.TryGet(entry.SiloAddress)!;
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.NotEqual(oldETag, etag);
        Assert.False(await table.UpdateRowAsync(entry.With(SiloStatus.ShuttingDown), oldETag, read.Version.Next()), "the row etag the stopped writer replaced");
        Assert.True(await table.UpdateRowAsync(entry.With(SiloStatus.ShuttingDown), etag, read.Version.Next()));
        Assert.Equal(SiloStatus.ShuttingDown, (await table.ReadAllAsync()).TryGet(entry.SiloAddress)!.Item1.Status);
    }

    [Fact]
    public async Task A_heartbeat_of_a_silo_whose_insert_was_not_finished_finishes_it_and_is_kept()
    {
        using var table = await _cluster.StartSiloAsync();
        var entry = TestEntries.Create(SiloStatus.Active, DateTime.UtcNow.AddMinutes(-1));
        await CommitWithoutFinishingAsync((await table.ReadAllAsync()).Version, entry);
        var alive = DateTime.UtcNow;

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        Assert.Equal(alive, Assert.Single((await table.ReadAllAsync()).Members).Item1.IAmAliveTime);
        Assert.Equal(2, await _cluster.CountItemsAsync());
    }

    [Fact]
    public async Task Racing_writers_after_a_stopped_writer_all_finish_its_change_and_exactly_one_of_them_wins()
    {
        var tables = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _cluster.StartSiloAsync()));
        try
        {
            var stopped = TestEntries.Create();
            var committed = await CommitWithoutFinishingAsync((await tables[0].ReadAllAsync()).Version, stopped);

            var won = await Task.WhenAll(tables.Select(table => table.InsertRowAsync(TestEntries.Create(), committed.TableVersion.Next())));

            Assert.Single(won, true);
            var read = await tables[0].ReadAllAsync();
            Assert.Equal(committed.Version + 1, read.Version.Version);
            Assert.Equal(2, read.Members.Count);
            Assert.NotNull(read.TryGet(stopped.SiloAddress));
        }
        finally
        {
            foreach (var table in tables) table.Dispose();
        }
    }

    /// <summary>Does the first half of a change, as a writer that stops right after its commit leaves it.</summary>
    private async Task<VersionRecord> CommitWithoutFinishingAsync(TableVersion readVersion, MembershipEntry entry)
    {
        using var store = _cluster.NewStore();
        var next = new VersionRecord(readVersion.Next().Version, VersionRecord.NewETag(), SiloRow.From(entry));
        Assert.True(await store.TryCommitAsync(readVersion.VersionEtag, next, CancellationToken.None));
        return next;
    }
}
