using TDeveloper.Aws.Membership;

namespace TDeveloper.Aws.Tests.Membership;

/// <summary>
/// Thousands of rows, far past the ≈1,500 that fitted the old single 400 KB item: reads page through them, and
/// changes, heartbeats and clean-ups work as with a handful.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class MembershipTableScaleTests(DynaliteFixture dynalite)
{
    private const int Rows = 10_000;
    private readonly MembershipTestCluster _cluster = new(dynalite);

    [Fact]
    public async Task Ten_thousand_rows_with_votes_are_read_changed_and_cleaned_like_a_few()
    {
        using var table = await _cluster.StartSiloAsync();
        using var store = _cluster.NewStore();
        var now = DateTime.UtcNow;
        var voter = TestEntries.Create(SiloStatus.Active);
        var entries = Enumerable.Range(0, Rows).Select(i => TestEntries.Create(i % 2 == 0 ? SiloStatus.Dead : SiloStatus.Active, now.AddDays(-10))).ToArray();
        foreach (var entry in entries.Take(Rows / 2)) entry.AddSuspector(voter.SiloAddress, now); // ≈ 400 bytes a row, 4 MB in all
        var v0 = (await table.ReadAllAsync()).Version;
        await store.WriteRowsAsync(entries.Select(entry => new StoredRow(SiloRow.From(entry), v0.Version, null)), v0.Version, CancellationToken.None); // inserting one by one would take minutes

        var all = await table.ReadAllAsync();
        Assert.Equal(Rows, all.Members.Count);
        Assert.Equal(v0, all.Version);
        var someone = entries[Rows - 2]; // a Dead row
        Assert.Equal(someone.ToFullString(), all.TryGet(someone.SiloAddress)!.Item1.ToFullString());
        var read = await table.ReadRowAsync(someone.SiloAddress);
        var (row, etag) = Assert.Single(read.Members);
        Assert.Equal(someone.ToFullString(), row.ToFullString());

        Assert.True(await table.UpdateRowAsync(someone.With(SiloStatus.Active), etag, all.Version.Next()));
        Assert.True(await table.InsertRowAsync(voter, (await table.ReadRowAsync(voter.SiloAddress)).Version.Next()));
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = someone.SiloAddress, IAmAliveTime = now });
        var changed = await table.ReadAllAsync();
        Assert.Equal(Rows + 1, changed.Members.Count);
        Assert.Equal(v0.Version + 2, changed.Version.Version);
        Assert.Equal(SiloStatus.Active, changed.TryGet(someone.SiloAddress)!.Item1.Status);
        Assert.Equal(now, changed.TryGet(someone.SiloAddress)!.Item1.IAmAliveTime);

        await table.CleanupDefunctSiloEntriesAsync(now.AddDays(-3));

        var cleaned = await table.ReadAllAsync();
        Assert.Equal(changed.Version, cleaned.Version);
        Assert.All(cleaned.Members, member => Assert.Equal(SiloStatus.Active, member.Item1.Status));
        Assert.Equal(Rows / 2 + 2, cleaned.Members.Count); // the Active half, the voter, and the row made Active
    }
}
