using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace TDeveloper.Aws.Tests.Membership;

/// <summary>A cluster written in the old layout (one item with every row, I-am-alive items beside it) is imported by the first silo that starts.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class MembershipTableMigrationTests(DynaliteFixture dynalite)
{
    private readonly MembershipTestCluster _cluster = new(dynalite);

    [Fact]
    public async Task Rows_of_the_old_single_item_layout_are_read_with_their_version_etags_and_I_am_alive_times()
    {
        using (var creator = _cluster.NewTable())
        {
            await creator.InitializeMembershipTableAsync(tryInitTableVersion: false); // only the table itself
        }

        var alive = DateTime.UtcNow.AddSeconds(30);
        var active = TestEntries.Create(SiloStatus.Active);
        var dead = TestEntries.Create(SiloStatus.Dead);
        await WriteOldLayoutAsync(version: 7, etag: "old-etag", alive, (active, "etag-a"), (dead, "etag-d"));

        using var table = await _cluster.StartSiloAsync();
        var read = await table.ReadAllAsync();

        Assert.Equal(new TableVersion(7, "old-etag"), read.Version);
        Assert.Equal(2, read.Members.Count);
        var (activeRow, activeETag) = read.TryGet(active.SiloAddress)!;
        Assert.Equal("etag-a", activeETag);
        Assert.Equal(alive, activeRow.IAmAliveTime);
        Assert.Equal(dead.ToFullString(), read.TryGet(dead.SiloAddress)!.Item1.ToFullString());

        Assert.True(await table.UpdateRowAsync(active.With(SiloStatus.ShuttingDown), activeETag, read.Version.Next()));
        using var second = await _cluster.StartSiloAsync(); // imports nothing again: the version item exists
        var after = await second.ReadAllAsync();
        Assert.Equal(8, after.Version.Version);
        Assert.Equal(SiloStatus.ShuttingDown, after.TryGet(active.SiloAddress)!.Item1.Status);
    }

    /// <summary>Writes the items the provider wrote before rows had items of their own, attribute by attribute.</summary>
    private async Task WriteOldLayoutAsync(int version, string etag, DateTime alive, params (MembershipEntry Entry, string ETag)[] rows)
    {
        using var client = dynalite.CreateClient();
        var json = "[" + string.Join(",", rows.Select(row => $$"""
            {"eTag":"{{row.ETag}}","silo":"{{row.Entry.SiloAddress.ToParsableString()}}","status":"{{row.Entry.Status}}","proxyPort":{{row.Entry.ProxyPort}},"hostName":"{{row.Entry.HostName}}","siloName":"{{row.Entry.SiloName}}","updateZone":0,"faultZone":0,"startTime":"{{Iso(row.Entry.StartTime)}}","iAmAliveTime":"{{Iso(row.Entry.IAmAliveTime)}}"}
            """)) + "]";
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = MembershipTestCluster.TableName,
            Item = new()
            {
                ["PK"] = new(_cluster.PartitionKey),
                ["SK"] = new("membership"),
                ["Version"] = new() { N = version.ToString(CultureInfo.InvariantCulture) },
                ["ETag"] = new(etag),
                ["Revision"] = new() { N = "3" },
                ["Rows"] = new(json),
            },
        });
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = MembershipTestCluster.TableName,
            Item = new()
            {
                ["PK"] = new(_cluster.PartitionKey),
                ["SK"] = new("alive#" + rows[0].Entry.SiloAddress.ToParsableString()),
                ["IAmAlive"] = new(Iso(alive)),
            },
        });
    }

    private static string Iso(DateTime time) => time.ToString("O", CultureInfo.InvariantCulture);
}
