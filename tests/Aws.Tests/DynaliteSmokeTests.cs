using Amazon.DynamoDBv2.Model;

namespace TDeveloper.Aws.Tests;

[Collection(DynaliteCollection.Name)]
public class DynamoDBTablesTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task A_missing_table_is_created_when_allowed_and_refused_by_name_otherwise()
    {
        using var client = dynalite.CreateClient();
        var table = "tables-" + Guid.NewGuid().ToString("N")[..8];

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DynamoDBTables.EnsureAsync(client, table, "pk", "sk", createIfNotExists: false));
        Assert.Contains(table, refused.Message);

        await DynamoDBTables.EnsureAsync(client, table, "pk", "sk", createIfNotExists: true);
        await DynamoDBTables.EnsureAsync(client, table, "pk", "sk", createIfNotExists: false);
        var described = await client.DescribeTableAsync(table);
        Assert.Equal(2, described.Table.KeySchema.Count);
    }
}
