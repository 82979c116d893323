namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>The DynamoDB table's queries per ring range; the range semantics are <see cref="DynamoDBReminderTableContractTests"/>.</summary>
[Collection(DynaliteCollection.Name)]
public class ReminderRangeTests(DynaliteFixture dynalite)
{
    [Theory]
    [InlineData(0x3FFFFFFFu, 0xBFFFFFFFu, 1)]
    [InlineData(0u, uint.MaxValue, 1)]
    [InlineData(0xBFFFFFFFu, 0x3FFFFFFFu, 2)]
    [InlineData(uint.MaxValue, 0x7FFFFFFFu, 1)]
    [InlineData(0x7FFFFFFFu, 0u, 2)]
    [InlineData(0x12345678u, 0x12345678u, 1)]
    public async Task A_range_is_one_query_per_interval_and_never_a_scan(uint begin, uint end, int queries)
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        await started.Table.UpsertAllAsync([TestReminders.Entry(TestReminders.NewGrain(), "a"), TestReminders.Entry(TestReminders.NewGrain(), "b")]);
        started.Requests.Calls.Clear();

        await started.Table.ReadRows(begin, end);

        Assert.Equal(queries, started.Requests.Queries);
        Assert.Equal(queries, started.Requests.Calls.Count);
        Assert.DoesNotContain(nameof(Amazon.DynamoDBv2.IAmazonDynamoDB.ScanAsync), started.Requests.Calls);
    }
}
