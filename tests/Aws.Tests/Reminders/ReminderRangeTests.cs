namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>The DynamoDB table's queries per ring range; the range semantics are <see cref="DynamoDBReminderTableContractTests"/>.</summary>
[Collection(DynaliteCollection.Name)]
public class ReminderRangeTests(DynaliteFixture dynalite)
{
    /// <summary>With 16 buckets each holds a sixteenth of the ring: bucket b is [b·0x10000000, (b+1)·0x10000000 − 1].</summary>
    [Theory]
    [InlineData(0x3FFFFFFFu, 0xBFFFFFFFu, 8)]
    [InlineData(0u, uint.MaxValue, 16)]
    [InlineData(0xBFFFFFFFu, 0x3FFFFFFFu, 4 + 4)]
    [InlineData(uint.MaxValue, 0x7FFFFFFFu, 8)]
    [InlineData(0x7FFFFFFFu, 0u, 8 + 1)]
    [InlineData(0x12345678u, 0x12345678u, 16)]
    [InlineData(0x10000000u, 0x10000FFFu, 1)]
    [InlineData(0x0FFFFFFEu, 0x10000000u, 2)]
    [InlineData(0xFFFFF000u, 0x00000100u, 1 + 1)]
    [InlineData(0x1000F000u, 0x10000F00u, 15 + 2)]
    public async Task A_range_queries_only_the_buckets_it_overlaps_and_never_scans(uint begin, uint end, int queries)
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId(), o =>
        {
            o.Buckets = 16;
            o.ReadLegacyPartition = false;
        });
        await started.Table.UpsertAllAsync([TestReminders.Entry(TestReminders.NewGrain(), "a"), TestReminders.Entry(TestReminders.NewGrain(), "b")]);
        started.Requests.Calls.Clear();

        await started.Table.ReadRows(begin, end);

        Assert.Equal(queries, started.Requests.Queries);
        Assert.Equal(queries, started.Requests.Calls.Count);
        Assert.DoesNotContain(nameof(Amazon.DynamoDBv2.IAmazonDynamoDB.ScanAsync), started.Requests.Calls);
    }

    [Theory]
    [InlineData(0x3FFFFFFFu, 0xBFFFFFFFu, "4 5 6 7 8 9 10 11")]
    [InlineData(0xBFFFFFFFu, 0x3FFFFFFFu, "0 1 2 3 12 13 14 15")]
    [InlineData(0x0FFFFFFEu, 0x10000000u, "0 1")]
    [InlineData(0xFFFFF000u, 0x00000100u, "0 15")]
    public async Task A_range_queries_exactly_the_partitions_of_the_buckets_it_overlaps(uint begin, uint end, string buckets)
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var started = await ReminderTestTables.StartAsync(dynalite, serviceId, o =>
        {
            o.Buckets = 16;
            o.ReadLegacyPartition = false;
        });

        await started.Table.ReadRows(begin, end);

        Assert.Equal(buckets.Split(' ').Select(b => $"{serviceId}#16#{b}").Order(), started.Requests.QueriedPartitions.Order());
    }

    [Theory]
    [InlineData(0x3FFFFFFFu, 0xBFFFFFFFu, 8 + 1)]
    [InlineData(0xBFFFFFFFu, 0x3FFFFFFFu, 4 + 4 + 2)]
    [InlineData(0x12345678u, 0x12345678u, 16 + 1)]
    public async Task Reading_the_legacy_partition_adds_one_query_per_interval_of_the_range(uint begin, uint end, int queries)
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId(), o => o.Buckets = 16);

        await started.Table.ReadRows(begin, end);

        Assert.Equal(queries, started.Requests.Queries);
        Assert.Equal(queries, started.Requests.Calls.Count);
    }
}
