using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using TDeveloper.Aws.Membership;

namespace TDeveloper.Aws.Tests.Membership;

/// <summary>A cluster of its own (fresh ServiceId and ClusterId) in the membership table the tests share.</summary>
internal sealed class MembershipTestCluster(DynaliteFixture dynalite, string? serviceId = null, string? clusterId = null)
{
    /// <summary>The table every membership test writes to, each under its own cluster.</summary>
    public const string TableName = "membership-tests";

    public string ServiceId { get; } = serviceId ?? "svc-" + Guid.NewGuid().ToString("N")[..8];

    public string ClusterId { get; } = clusterId ?? "cluster-" + Guid.NewGuid().ToString("N")[..8];

    public ClusterOptions ClusterOptions => new() { ServiceId = ServiceId, ClusterId = ClusterId };

    public DynamoDBClusteringOptions ClusteringOptions(string tableName = TableName) =>
        dynalite.Configure(new DynamoDBClusteringOptions { TableName = tableName });

    /// <summary>A silo's table, not initialized.</summary>
    public DynamoDBMembershipTable NewTable(DynamoDBClusteringOptions? options = null) => new(
        Options.Create(options ?? ClusteringOptions()),
        Options.Create(ClusterOptions),
        NullLogger<DynamoDBMembershipTable>.Instance);

    /// <summary>A silo's table, initialized as a starting silo does it.</summary>
    public async Task<DynamoDBMembershipTable> StartSiloAsync()
    {
        var table = NewTable();
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    /// <summary>A client's gateway list provider, initialized.</summary>
    public async Task<DynamoDBGatewayListProvider> StartClientAsync(GatewayOptions? gatewayOptions = null)
    {
        var provider = new DynamoDBGatewayListProvider(
            Options.Create(ClusteringOptions()),
            Options.Create(ClusterOptions),
            Options.Create(gatewayOptions ?? new GatewayOptions()));
        await provider.InitializeGatewayListProviderAsync();
        return provider;
    }

    /// <summary>Inserts <paramref name="entries"/> one after the other, each at the next version.</summary>
    public static async Task InsertAsync(IMembershipTable table, params MembershipEntry[] entries)
    {
        foreach (var entry in entries)
        {
            var version = (await table.ReadAllAsync()).Version;
            Assert.True(await table.InsertRowAsync(entry, version.Next()), $"InsertRow of {entry} at {version.Next()}");
        }
    }

    /// <summary>A store of the cluster, to write what a crashed writer or an older version of the provider left.</summary>
    public MembershipStore NewStore() => new(ClusteringOptions(), ClusterOptions);

    /// <summary>The cluster's partition key in the table.</summary>
    public string PartitionKey => $"{ServiceId}/{ClusterId}";

    /// <summary>Counts the cluster's raw items in the table: its version item and its row items.</summary>
    public async Task<int> CountItemsAsync()
    {
        using var client = dynalite.CreateClient();
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            KeyConditionExpression = "PK = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(PartitionKey) },
        });
        return response.Items.Count;
    }
}
