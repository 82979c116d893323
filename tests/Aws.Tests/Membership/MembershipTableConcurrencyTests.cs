namespace TDeveloper.Aws.Tests.Membership;

/// <summary>Two silos' tables writing the same cluster at once: conditional writes let exactly one win each race.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class MembershipTableConcurrencyTests(DynaliteFixture dynalite)
{
    private const int Rounds = 25;
    private readonly MembershipTestCluster _cluster = new(dynalite);

    [Fact]
    public async Task Two_silos_inserting_from_the_same_version_exactly_one_wins_each_round()
    {
        using var a = await _cluster.StartSiloAsync();
        using var b = await _cluster.StartSiloAsync();
        for (var round = 1; round <= Rounds; round++)
        {
            var version = (await a.ReadAllAsync()).Version;

            var won = await Task.WhenAll(a.InsertRowAsync(TestEntries.Create(), version.Next()), b.InsertRowAsync(TestEntries.Create(), version.Next()));

            Assert.Single(won, true);
            var read = await b.ReadAllAsync();
            Assert.Equal(version.Version + 1, read.Version.Version);
            Assert.Equal(round, read.Members.Count);
        }
    }

    [Fact]
    public async Task Two_silos_updating_the_same_row_from_the_same_read_exactly_one_wins_each_round()
    {
        using var a = await _cluster.StartSiloAsync();
        using var b = await _cluster.StartSiloAsync();
        var entry = TestEntries.Create();
        await MembershipTestCluster.InsertAsync(a, entry);
        for (var round = 1; round <= Rounds; round++)
        {
            var read = await a.ReadAllAsync();
            var etag = read.TryGet(entry.SiloAddress)!.Item2;
            var fromA = Renamed(entry, $"a-{round}");
            var fromB = Renamed(entry, $"b-{round}");

            var won = await Task.WhenAll(a.UpdateRowAsync(fromA, etag, read.Version.Next()), b.UpdateRowAsync(fromB, etag, read.Version.Next()));

            Assert.Single(won, true);
            var after = await b.ReadAllAsync();
            Assert.Equal(read.Version.Version + 1, after.Version.Version);
            Assert.Equal(won[0] ? fromA.SiloName : fromB.SiloName, Assert.Single(after.Members).Item1.SiloName);
        }
    }

    [Fact]
    public async Task Writers_that_retry_until_they_win_each_move_the_version_exactly_once()
    {
        using var a = await _cluster.StartSiloAsync();
        using var b = await _cluster.StartSiloAsync();
        IMembershipTable[] tables = [a, b];
        var entry = TestEntries.Create();
        var v0 = (await a.ReadAllAsync()).Version;

        var inserted = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => tables[i % 2].InsertRowAsync(entry, v0.Next())));
        Assert.Single(inserted, true);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => UpdateUntilWonAsync(tables[i % 2], entry.SiloAddress))).WaitAsync(TimeSpan.FromMinutes(1));

        var read = await a.ReadAllAsync();
        Assert.Equal(21, read.Version.Version);
        Assert.Single(read.Members);
    }

    [Fact]
    public async Task I_am_alive_writes_never_make_a_membership_change_fail()
    {
        using var a = await _cluster.StartSiloAsync();
        using var b = await _cluster.StartSiloAsync();
        var aliveSilo = TestEntries.Create(SiloStatus.Active);
        var changingSilo = TestEntries.Create();
        await MembershipTestCluster.InsertAsync(a, aliveSilo, changingSilo);
        for (var round = 1; round <= Rounds; round++)
        {
            var read = await b.ReadAllAsync();
            var etag = read.TryGet(changingSilo.SiloAddress)!.Item2;
            var heartbeats = Enumerable.Range(0, 4).Select(_ => a.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = aliveSilo.SiloAddress, IAmAliveTime = DateTime.UtcNow }));

            var changed = b.UpdateRowAsync(Renamed(changingSilo, $"round-{round}"), etag, read.Version.Next());
            await Task.WhenAll(heartbeats);

            Assert.True(await changed, $"round {round}");
        }
    }

    [Fact]
    public async Task A_cleanup_racing_membership_changes_neither_fails_them_nor_is_undone_by_them()
    {
        using var a = await _cluster.StartSiloAsync();
        using var b = await _cluster.StartSiloAsync();
        var old = DateTime.UtcNow.AddDays(-10);
        for (var round = 1; round <= Rounds; round++)
        {
            var dead = Enumerable.Range(0, 3).Select(_ => TestEntries.Create(SiloStatus.Dead, old)).ToArray();
            await MembershipTestCluster.InsertAsync(a, dead);
            var version = (await b.ReadAllAsync()).Version;

            var inserted = b.InsertRowAsync(TestEntries.Create(), version.Next());
            await a.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

            Assert.True(await inserted, $"round {round}");
            var read = await a.ReadAllAsync();
            Assert.Equal(version.Version + 1, read.Version.Version);
            Assert.DoesNotContain(read.Members, member => member.Item1.Status == SiloStatus.Dead);
        }
    }

    [Fact]
    public async Task Eight_silos_inserting_and_updating_from_the_same_version_exactly_one_wins_each_round()
    {
        var tables = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _cluster.StartSiloAsync()));
        try
        {
            var entry = TestEntries.Create();
            await MembershipTestCluster.InsertAsync(tables[0], entry);
            for (var round = 1; round <= 10; round++)
            {
                var read = await tables[round % 8].ReadAllAsync();
                var etag = read.TryGet(entry.SiloAddress)!.Item2;

                var won = await Task.WhenAll(tables.Select((table, i) => i % 2 == 0
                    ? table.InsertRowAsync(TestEntries.Create(), read.Version.Next())
                    : table.UpdateRowAsync(Renamed(entry, $"{round}-{i}"), etag, read.Version.Next())));

                Assert.Single(won, true);
                var after = await tables[0].ReadAllAsync();
                Assert.Equal(read.Version.Version + 1, after.Version.Version);
                var winner = Array.IndexOf(won, true);
                Assert.Equal(read.Members.Count + (winner % 2 == 0 ? 1 : 0), after.Members.Count);
                if (winner % 2 == 1) Assert.Equal($"{round}-{winner}", after.TryGet(entry.SiloAddress)!.Item1.SiloName);
            }
        }
        finally
        {
            foreach (var table in tables) table.Dispose();
        }
    }

    private static MembershipEntry Renamed(MembershipEntry entry, string siloName)
    {
        var renamed = entry.With(entry.Status);
        renamed.SiloName = siloName;
        return renamed;
    }

    private static async Task UpdateUntilWonAsync(IMembershipTable table, SiloAddress silo)
    {
        while (true)
        {
            var read = await table.ReadAllAsync();
            var (entry, etag) = read.TryGet(silo)!;
            if (await table.UpdateRowAsync(entry, etag, read.Version.Next())) return;
        }
    }
}
