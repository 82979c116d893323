using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using TDeveloper.Aws.Membership;

namespace TDeveloper.Aws.Tests.Membership;

/// <summary>UseDynamoDBClustering in real hosts: a silo joins through the table, a client finds it, bad settings stop the start.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBClusteringHostingTests(DynaliteFixture dynalite)
{
    private readonly MembershipTestCluster _cluster = new(dynalite);

    [Fact]
    public async Task A_silo_joins_through_the_table_a_client_finds_it_and_it_leaves_as_dead()
    {
        using var silo = BuildSilo(options => { });
        Assert.IsType<DynamoDBMembershipTable>(silo.Services.GetRequiredService<IMembershipTable>());
        await silo.StartAsync();
        var siloAddress = silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        using var reader = _cluster.NewTable();
        try
        {
            var row = Assert.Single((await reader.ReadAllAsync()).Members).Item1;
            Assert.Equal(siloAddress, row.SiloAddress);
            Assert.Equal(SiloStatus.Active, row.Status);

            using var client = BuildClient(options => { });
            Assert.IsType<DynamoDBGatewayListProvider>(client.Services.GetRequiredService<IGatewayListProvider>());
            await client.StartAsync();
            var hosts = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal([siloAddress], hosts.Keys);
            await client.StopAsync();
        }
        finally
        {
            await silo.StopAsync();
        }

        Assert.Equal(SiloStatus.Dead, Assert.Single((await reader.ReadAllAsync()).Members).Item1.Status);
    }

    [Fact]
    public async Task A_silo_and_a_client_do_not_start_when_the_table_is_missing_and_say_which()
    {
        var tableName = "membership-absent-" + Guid.NewGuid().ToString("N")[..8];
        void Absent(DynamoDBClusteringOptions options)
        {
            options.TableName = tableName;
            options.CreateIfNotExists = false;
        }

        using var silo = BuildSilo(Absent);
        var siloError = await Assert.ThrowsAnyAsync<Exception>(() => silo.StartAsync());
        Assert.Contains($"DynamoDB table '{tableName}' does not exist", siloError.ToString());

        using var provider = new DynamoDBGatewayListProvider(Options.Create(Configured(Absent)), Options.Create(_cluster.ClusterOptions), Options.Create(new GatewayOptions()));
        var clientError = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.InitializeGatewayListProviderAsync());
        Assert.Contains(tableName, clientError.Message);
    }

    [Fact]
    public async Task Invalid_options_stop_silo_and_client_before_they_start_listing_every_problem()
    {
        static void Invalid(DynamoDBClusteringOptions options)
        {
            options.TableName = "x";
            options.ServiceUrl = "not a url";
            options.SecretKey = null;
            options.MaxErrorRetry = -1;
        }

        using var silo = BuildSilo(Invalid);
        var siloError = await Assert.ThrowsAsync<OptionsValidationException>(() => silo.StartAsync());
        Assert.Equal(4, siloError.Failures.Count());
        Assert.Contains(siloError.Failures, failure => failure.Contains("TableName 'x'"));

        using var client = BuildClient(Invalid);
        var clientError = await Assert.ThrowsAsync<OptionsValidationException>(() => client.StartAsync());
        Assert.Equal(4, clientError.Failures.Count());
    }

    private DynamoDBClusteringOptions Configured(Action<DynamoDBClusteringOptions> configure) =>
        Configure(new DynamoDBClusteringOptions(), configure);

    private DynamoDBClusteringOptions Configure(DynamoDBClusteringOptions options, Action<DynamoDBClusteringOptions> configure)
    {
        dynalite.Configure(options).TableName = MembershipTestCluster.TableName;
        configure(options);
        return options;
    }

    private IHost BuildSilo(Action<DynamoDBClusteringOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort())
            .Configure<ClusterOptions>(options => (options.ServiceId, options.ClusterId) = (_cluster.ServiceId, _cluster.ClusterId))
            .UseDynamoDBClustering(options => Configure(options, configure)));
        return builder.Build();
    }

    private IHost BuildClient(Action<DynamoDBClusteringOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(options => (options.ServiceId, options.ClusterId) = (_cluster.ServiceId, _cluster.ClusterId))
            .UseDynamoDBClustering(options => Configure(options, configure)));
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
