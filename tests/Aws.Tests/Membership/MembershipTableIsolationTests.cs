namespace TDeveloper.Aws.Tests.Membership;

/// <summary>Clusters sharing one table stay apart, and what a silo wrote is there for the next one.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class MembershipTableIsolationTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Clusters_sharing_the_table_neither_see_nor_delete_each_other()
    {
        var mine = new MembershipTestCluster(dynalite);
        var sameServiceOtherCluster = new MembershipTestCluster(dynalite, mine.ServiceId);
        var otherServiceSameCluster = new MembershipTestCluster(dynalite, clusterId: mine.ClusterId);
        using var myTable = await mine.StartSiloAsync();
        using var theirTable = await sameServiceOtherCluster.StartSiloAsync();
        using var otherServiceTable = await otherServiceSameCluster.StartSiloAsync();
        var myEntry = TestEntries.Create(SiloStatus.Active);
        var theirEntry = TestEntries.Create(SiloStatus.Active);
        var otherServiceEntry = TestEntries.Create(SiloStatus.Active);
        await MembershipTestCluster.InsertAsync(myTable, myEntry);
        await MembershipTestCluster.InsertAsync(theirTable, theirEntry);
        await MembershipTestCluster.InsertAsync(otherServiceTable, otherServiceEntry);
        await myTable.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = theirEntry.SiloAddress, IAmAliveTime = DateTime.UtcNow.AddHours(1) });

        Assert.Equal(myEntry.SiloAddress, Assert.Single((await myTable.ReadAllAsync()).Members).Item1.SiloAddress);
        var theirs = Assert.Single((await theirTable.ReadAllAsync()).Members).Item1;
        Assert.Equal(theirEntry.SiloAddress, theirs.SiloAddress);
        Assert.Equal(theirEntry.IAmAliveTime, theirs.IAmAliveTime);
        Assert.Equal(1, (await theirTable.ReadAllAsync()).Version.Version);
        using var theirClient = await sameServiceOtherCluster.StartClientAsync();
        Assert.Equal([theirEntry.SiloAddress.ToGatewayUri(theirEntry.ProxyPort)], await theirClient.GetGatewaysAsync());

        await myTable.DeleteMembershipTableEntriesAsync(mine.ClusterId);

        Assert.Empty((await myTable.ReadAllAsync()).Members);
        Assert.Single((await theirTable.ReadAllAsync()).Members);
        Assert.Single((await otherServiceTable.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task A_silo_started_after_a_restart_reads_everything_written_before()
    {
        var cluster = new MembershipTestCluster(dynalite);
        var entries = new[] { TestEntries.Create(SiloStatus.Active), TestEntries.Create(SiloStatus.Dead), TestEntries.Create() };
        entries[0].AddSuspector(entries[2].SiloAddress, DateTime.UtcNow);
        MembershipTableData written;
        using (var before = await cluster.StartSiloAsync())
        {
            await MembershipTestCluster.InsertAsync(before, entries);
            var read = await before.ReadAllAsync();
            Assert.True(await before.UpdateRowAsync(entries[2].With(SiloStatus.Active), read.TryGet(entries[2].SiloAddress)!.Item2, read.Version.Next()));
            await before.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entries[0].SiloAddress, IAmAliveTime = DateTime.UtcNow.AddSeconds(1) });
            written = await before.ReadAllAsync();
        }

        using var after = await cluster.StartSiloAsync();
        var reread = await after.ReadAllAsync();

        Assert.Equal(written.Version, reread.Version);
        Assert.Equal(Describe(written), Describe(reread));
    }

    private static IEnumerable<string> Describe(MembershipTableData data) =>
        data.Members.Select(member => $"{member.Item2} {member.Item1.ToFullString()} {member.Item1.IAmAliveTime.Ticks}").Order();
}
