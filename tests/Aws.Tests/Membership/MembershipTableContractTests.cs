namespace TDeveloper.Aws.Tests.Membership;

/// <summary>The membership-table contract Orleans relies on (as in its MembershipTableTestsBase), against dynalite.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class MembershipTableContractTests(DynaliteFixture dynalite)
{
    private readonly MembershipTestCluster _cluster = new(dynalite);

    [Fact]
    public async Task A_new_cluster_reads_empty_at_version_zero_and_initializing_again_keeps_what_is_there()
    {
        using var table = await _cluster.StartSiloAsync();
        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);
        Assert.False(string.IsNullOrEmpty(empty.Version.VersionEtag));

        Assert.True(await table.InsertRowAsync(TestEntries.Create(), empty.Version.Next()));
        using var second = await _cluster.StartSiloAsync();
        var read = await second.ReadAllAsync();
        Assert.Equal(1, read.Version.Version);
        Assert.Single(read.Members);
    }

    [Fact]
    public async Task InsertRow_stores_every_field_and_moves_the_table_to_the_new_version_with_a_new_etag()
    {
        using var table = await _cluster.StartSiloAsync();
        var entry = TestEntries.Create(SiloStatus.Active);
        entry.RoleName = "api";
        entry.UpdateZone = 3;
        entry.FaultZone = 7;
        entry.AddSuspector(TestEntries.Create().SiloAddress, DateTime.UtcNow.AddSeconds(-3));
        entry.AddSuspector(TestEntries.Create().SiloAddress, DateTime.UtcNow);
        var before = await table.ReadAllAsync();

        Assert.True(await table.InsertRowAsync(entry, before.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
        var (stored, etag) = Assert.Single(after.Members);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.ToFullString(), stored.ToFullString());
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(entry.StartTime, stored.StartTime);
        Assert.Equal(entry.IAmAliveTime, stored.IAmAliveTime);
        Assert.Equal(entry.SuspectTimes, stored.SuspectTimes);
    }

    [Fact]
    public async Task InsertRow_is_refused_for_a_stale_version_etag_or_a_silo_that_already_has_a_row()
    {
        using var table = await _cluster.StartSiloAsync();
        var first = TestEntries.Create();
        var second = TestEntries.Create();
        var v0 = (await table.ReadAllAsync()).Version;
        Assert.True(await table.InsertRowAsync(first, v0.Next()));

        Assert.False(await table.InsertRowAsync(first, v0.Next()), "same silo, stale version");
        Assert.False(await table.InsertRowAsync(second, v0.Next()), "new silo, stale version");
        var v1 = (await table.ReadAllAsync()).Version;
        Assert.False(await table.InsertRowAsync(first, v1.Next()), "silo already has a row");

        var read = await table.ReadAllAsync();
        Assert.Equal(v1, read.Version);
        Assert.Single(read.Members);
        Assert.True(await table.InsertRowAsync(second, v1.Next()));
        Assert.Equal(2, (await table.ReadAllAsync()).Members.Count);
    }

    [Fact]
    public async Task UpdateRow_succeeds_only_with_the_current_row_etag_and_the_current_table_version()
    {
        using var table = await _cluster.StartSiloAsync();
        var bystander = TestEntries.Create();
        var entry = TestEntries.Create();
        await MembershipTestCluster.InsertAsync(table, bystander, entry);
        var v0 = new TableVersion(0, "stale");
        var read = await table.ReadAllAsync();
        var etag = read.TryGet(entry.SiloAddress)!.Item2;
        var active = entry.With(SiloStatus.Active);

        Assert.False(await table.UpdateRowAsync(active, etag, v0.Next()), "stale version");
        Assert.False(await table.UpdateRowAsync(active, "not-the-etag", read.Version.Next()), "stale row etag");
        Assert.False(await table.UpdateRowAsync(TestEntries.Create(), etag, read.Version.Next()), "silo without a row");
        Assert.True(await table.UpdateRowAsync(active, etag, read.Version.Next()));

        var updated = await table.ReadAllAsync();
        Assert.Equal(read.Version.Version + 1, updated.Version.Version);
        Assert.NotEqual(read.Version.VersionEtag, updated.Version.VersionEtag);
        var (row, newEtag) = updated.TryGet(entry.SiloAddress)!;
        Assert.Equal(active.ToFullString(), row.ToFullString());
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(read.TryGet(bystander.SiloAddress)!.Item2, updated.TryGet(bystander.SiloAddress)!.Item2);

        Assert.False(await table.UpdateRowAsync(entry, etag, updated.Version.Next()), "old row etag");
        Assert.False(await table.UpdateRowAsync(entry, newEtag, read.Version.Next()), "old version");
        Assert.Equal(updated.Version, (await table.ReadAllAsync()).Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_is_seen_by_reads_without_changing_the_version_or_any_etag()
    {
        using var table = await _cluster.StartSiloAsync();
        var entry = TestEntries.Create(SiloStatus.Active, DateTime.UtcNow.AddMinutes(-1));
        await MembershipTestCluster.InsertAsync(table, entry);
        var before = await table.ReadAllAsync();
        var alive = DateTime.UtcNow.AddSeconds(5);

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        var (row, etag) = Assert.Single(after.Members);
        Assert.Equal(before.Members[0].Item2, etag);
        Assert.Equal(alive, row.IAmAliveTime);
        Assert.Equal(alive, Assert.Single((await table.ReadRowAsync(entry.SiloAddress)).Members).Item1.IAmAliveTime);

        // A row written later with an older I-am-alive time does not move the time back; a newer one wins.
        Assert.True(await table.UpdateRowAsync(entry, etag, after.Version.Next()));
        Assert.Equal(alive, Assert.Single((await table.ReadAllAsync()).Members).Item1.IAmAliveTime);
        var later = await table.ReadAllAsync();
        var newer = entry.With(SiloStatus.Active);
        newer.IAmAliveTime = alive.AddSeconds(10);
        Assert.True(await table.UpdateRowAsync(newer, later.Members[0].Item2, later.Version.Next()));
        Assert.Equal(newer.IAmAliveTime, Assert.Single((await table.ReadAllAsync()).Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task ReadRow_returns_only_that_silo_with_the_table_version()
    {
        using var table = await _cluster.StartSiloAsync();
        var first = TestEntries.Create();
        var second = TestEntries.Create();
        await MembershipTestCluster.InsertAsync(table, first, second);
        var all = await table.ReadAllAsync();

        var row = await table.ReadRowAsync(second.SiloAddress);
        Assert.Equal(all.Version, row.Version);
        var (entry, etag) = Assert.Single(row.Members);
        Assert.Equal(second.SiloAddress, entry.SiloAddress);
        Assert.Equal(all.TryGet(second.SiloAddress)!.Item2, etag);

        var none = await table.ReadRowAsync(TestEntries.Create().SiloAddress);
        Assert.Empty(none.Members);
        Assert.Equal(all.Version, none.Version);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_removes_every_item_of_the_cluster_and_a_silo_can_start_it_again()
    {
        using var table = await _cluster.StartSiloAsync();
        var entry = TestEntries.Create();
        await MembershipTestCluster.InsertAsync(table, entry);
        await table.UpdateIAmAliveAsync(entry);
        Assert.Equal(2, await _cluster.CountItemsAsync());

        await table.DeleteMembershipTableEntriesAsync(_cluster.ClusterId);

        Assert.Equal(0, await _cluster.CountItemsAsync());
        var gone = await table.ReadAllAsync();
        Assert.Empty(gone.Members);
        Assert.Equal(0, gone.Version.Version);

        using var restarted = await _cluster.StartSiloAsync();
        await MembershipTestCluster.InsertAsync(restarted, TestEntries.Create());
        Assert.Equal(1, (await restarted.ReadAllAsync()).Version.Version);
    }

    /// <summary>Every status but Active, as Orleans' own providers clean them (its MembershipTableTestsBase inserts one old row of each).</summary>
    public static TheoryData<SiloStatus> EveryStatusButActive() => [.. Enum.GetValues<SiloStatus>().Where(status => status != SiloStatus.Active)];

    [Theory]
    [MemberData(nameof(EveryStatusButActive))]
    public async Task CleanupDefunctSiloEntries_removes_a_row_of_any_status_but_Active_not_alive_since_the_date_and_keeps_a_recent_one(SiloStatus status)
    {
        using var table = await _cluster.StartSiloAsync();
        var now = DateTime.UtcNow;
        var old = TestEntries.Create(status, now.AddDays(-10));
        var recent = TestEntries.Create(status, now);
        await MembershipTestCluster.InsertAsync(table, old, recent);

        await table.CleanupDefunctSiloEntriesAsync(now.AddDays(-3));

        var after = await table.ReadAllAsync();
        Assert.Equal(recent.SiloAddress, Assert.Single(after.Members).Item1.SiloAddress);
        Assert.Equal(2, await _cluster.CountItemsAsync()); // the version item and the recent row
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_keeps_Active_rows_and_rows_alive_since_the_date_and_keeps_the_version()
    {
        using var table = await _cluster.StartSiloAsync();
        var now = DateTime.UtcNow;
        var old = now.AddDays(-10);
        var oldActive = TestEntries.Create(SiloStatus.Active, old);
        var oldDead = TestEntries.Create(SiloStatus.Dead, old);
        var deadButRecentlyAlive = TestEntries.Create(SiloStatus.Dead, old);
        var joiningOldButRecentVote = TestEntries.Create(SiloStatus.Joining, old);
        joiningOldButRecentVote.AddSuspector(oldActive.SiloAddress, now); // Orleans judges by the I-am-alive time only
        await MembershipTestCluster.InsertAsync(table, oldActive, oldDead, deadButRecentlyAlive, joiningOldButRecentVote);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = deadButRecentlyAlive.SiloAddress, IAmAliveTime = now });
        await table.UpdateIAmAliveAsync(TestEntries.Create(SiloStatus.Dead, old)); // a silo without a row: nothing to write
        var before = await table.ReadAllAsync();

        await table.CleanupDefunctSiloEntriesAsync(now.AddDays(-3));

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(
            new[] { oldActive.SiloAddress, deadButRecentlyAlive.SiloAddress }.Order(),
            after.Members.Select(member => member.Item1.SiloAddress).Order());
        Assert.Equal(3, await _cluster.CountItemsAsync()); // the version item and the two rows kept

        // The clean-up kept the version, so a change read before it still applies, and does not bring the removed back.
        Assert.True(await table.InsertRowAsync(TestEntries.Create(), before.Version.Next()));
        var final = await table.ReadAllAsync();
        Assert.Null(final.TryGet(oldDead.SiloAddress));
        Assert.Null(final.TryGet(joiningOldButRecentVote.SiloAddress));

        await table.CleanupDefunctSiloEntriesAsync(now.AddDays(-3));
        Assert.Equal(final.Version, (await table.ReadAllAsync()).Version);
        Assert.Equal(3, (await table.ReadAllAsync()).Members.Count);
    }
}
