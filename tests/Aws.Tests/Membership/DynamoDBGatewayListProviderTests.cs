using Orleans.Configuration;

namespace TDeveloper.Aws.Tests.Membership;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBGatewayListProviderTests(DynaliteFixture dynalite)
{
    private readonly MembershipTestCluster _cluster = new(dynalite);

    [Fact]
    public async Task Lists_the_active_silos_that_accept_clients_at_their_proxy_ports()
    {
        using var table = await _cluster.StartSiloAsync();
        var entries = Enum.GetValues<SiloStatus>().Select(status => TestEntries.Create(status)).ToList();
        var activeWithoutGateway = TestEntries.Create(SiloStatus.Active, proxyPort: 0);
        var secondActive = TestEntries.Create(SiloStatus.Active);
        await MembershipTestCluster.InsertAsync(table, [.. entries, activeWithoutGateway, secondActive]);
        using var client = await _cluster.StartClientAsync();

        var gateways = await client.GetGatewaysAsync();

        var active = entries.Single(entry => entry.Status == SiloStatus.Active);
        Assert.Equal(
            new[] { active, secondActive }.Select(entry => entry.SiloAddress.ToGatewayUri(entry.ProxyPort).ToString()).Order(),
            gateways.Select(uri => uri.ToString()).Order());
        Assert.All(gateways, uri => Assert.NotEqual(11111, uri.Port));
    }

    [Fact]
    public async Task Follows_the_table_and_refreshes_at_the_configured_period()
    {
        using var client = await _cluster.StartClientAsync(new GatewayOptions { GatewayListRefreshPeriod = TimeSpan.FromSeconds(17) });
        Assert.Equal(TimeSpan.FromSeconds(17), client.MaxStaleness);
        Assert.Empty(await client.GetGatewaysAsync());

        using var table = await _cluster.StartSiloAsync();
        var entry = TestEntries.Create();
        await MembershipTestCluster.InsertAsync(table, entry);
        Assert.Empty(await client.GetGatewaysAsync());

        var read = await table.ReadAllAsync();
        Assert.True(await table.UpdateRowAsync(entry.With(SiloStatus.Active), read.Members[0].Item2, read.Version.Next()));
        Assert.Equal([entry.SiloAddress.ToGatewayUri(entry.ProxyPort)], await client.GetGatewaysAsync());
    }
}
