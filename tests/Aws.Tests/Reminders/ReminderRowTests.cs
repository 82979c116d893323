using Amazon.DynamoDBv2;

namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>The DynamoDB table's requests per row operation; the contract itself is <see cref="DynamoDBReminderTableContractTests"/>.</summary>
[Collection(DynaliteCollection.Name)]
public class ReminderRowTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task A_row_is_written_with_one_PutItem_and_read_with_one_GetItem()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId(), o => o.ReadLegacyPartition = false);
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "r");

        await started.Table.UpsertRow(entry);
        await started.Table.ReadRow(entry.GrainId, entry.ReminderName);

        Assert.Equal([nameof(IAmazonDynamoDB.PutItemAsync), nameof(IAmazonDynamoDB.GetItemAsync)], started.Requests.Calls);
    }

    [Fact]
    public async Task While_the_legacy_partition_is_read_a_write_also_deletes_the_row_there_and_a_found_row_needs_one_GetItem()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "r");

        await started.Table.UpsertRow(entry);
        await started.Table.ReadRow(entry.GrainId, entry.ReminderName);

        Assert.Equal([nameof(IAmazonDynamoDB.PutItemAsync), nameof(IAmazonDynamoDB.DeleteItemAsync), nameof(IAmazonDynamoDB.GetItemAsync)], started.Requests.Calls);
    }

    [Fact]
    public async Task Reading_by_grain_is_one_query_on_one_bucket()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var started = await ReminderTestTables.StartAsync(dynalite, serviceId, o => o.ReadLegacyPartition = false);
        var grain = TestReminders.Grain("g#1");
        await started.Table.UpsertAllAsync([TestReminders.Entry(grain, "a"), TestReminders.Entry(grain, "b")]);
        started.Requests.Calls.Clear();

        Assert.Equal(2, (await started.Table.ReadRows(grain)).Reminders.Count);
        Assert.Equal([nameof(IAmazonDynamoDB.QueryAsync)], started.Requests.Calls);
        Assert.Equal([$"{serviceId}#32#{grain.GetUniformHashCode() >> 27}"], started.Requests.QueriedPartitions);
    }
}
