namespace TDeveloper.Aws.Tests.Reminders;

[Collection(DynaliteCollection.Name)]
public class ReminderRowTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task A_row_round_trips_every_field_and_the_etag_that_upsert_returned()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var table = started.Table;
        var entry = TestReminders.Entry(TestReminders.Grain("key/with#hash%25and\\slash?"), "name#with/odd%23chars");

        var eTag = await table.UpsertRow(entry);
        var read = await table.ReadRow(entry.GrainId, entry.ReminderName);

        Assert.NotNull(eTag);
        Assert.NotNull(read);
        Assert.Equal(entry.GrainId, read.GrainId);
        Assert.Equal(entry.ReminderName, read.ReminderName);
        Assert.Equal(entry.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(entry.Period, read.Period);
        Assert.Equal(eTag, read.ETag);
        Assert.Equal([nameof(Amazon.DynamoDBv2.IAmazonDynamoDB.PutItemAsync), nameof(Amazon.DynamoDBv2.IAmazonDynamoDB.GetItemAsync)], started.Requests.Calls);
    }

    [Fact]
    public async Task A_missing_row_reads_as_null()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());

        Assert.Null(await started.Table.ReadRow(TestReminders.NewGrain(), "none"));
    }

    [Fact]
    public async Task Remove_succeeds_only_with_the_current_etag_and_a_refused_remove_leaves_the_row()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var table = started.Table;
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "r");
        var first = await table.UpsertRow(entry);
        entry.StartAt = entry.StartAt.AddMinutes(1);
        var second = await table.UpsertRow(entry);
        Assert.NotEqual(first, second);

        Assert.False(await table.RemoveRow(entry.GrainId, entry.ReminderName, first!));
        Assert.Equal(second, (await table.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.False(await table.RemoveRow(entry.GrainId, "other-name", second!));
        Assert.False(await table.RemoveRow(TestReminders.NewGrain(), entry.ReminderName, second!));

        Assert.True(await table.RemoveRow(entry.GrainId, entry.ReminderName, second!));
        Assert.Null(await table.ReadRow(entry.GrainId, entry.ReminderName));
        Assert.False(await table.RemoveRow(entry.GrainId, entry.ReminderName, second!));
    }

    [Fact]
    public async Task Reading_by_grain_returns_exactly_that_grains_reminders_with_one_query()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var table = started.Table;
        var grain = TestReminders.Grain("g#1");
        var lookAlike = TestReminders.Grain("g#1#x");
        var mine = new[] { "a", "b", "c#d" }.Select(name => TestReminders.Entry(grain, name)).ToList();
        await table.UpsertAllAsync([.. mine, TestReminders.Entry(lookAlike, "a"), TestReminders.Entry(TestReminders.NewGrain(), "a")]);
        started.Requests.Calls.Clear();

        var read = await table.ReadRows(grain);

        Assert.Equal(mine.Select(e => (e.GrainId, e.ReminderName)).ToHashSet(), read.Keys());
        Assert.Equal([nameof(Amazon.DynamoDBv2.IAmazonDynamoDB.QueryAsync)], started.Requests.Calls);
        Assert.Empty((await table.ReadRows(TestReminders.NewGrain())).Reminders);
    }

    [Fact]
    public async Task A_new_table_instance_for_the_same_service_reads_the_rows_and_etags_of_the_last()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "survives");
        string? eTag;
        using (var before = await ReminderTestTables.StartAsync(dynalite, serviceId))
        {
            eTag = await before.Table.UpsertRow(entry);
        }

        using var after = await ReminderTestTables.StartAsync(dynalite, serviceId);

        Assert.Equal(eTag, (await after.Table.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.Single((await after.Table.ReadRows(entry.GrainId)).Reminders);
        Assert.Single((await after.Table.ReadRows(0, 0)).Reminders);
        Assert.True(await after.Table.RemoveRow(entry.GrainId, entry.ReminderName, eTag!));
    }

    [Fact]
    public async Task Two_services_sharing_the_table_see_and_touch_only_their_own_rows()
    {
        using var a = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        using var b = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "same");
        var eTagA = await a.Table.UpsertRow(entry);
        var eTagB = await b.Table.UpsertRow(entry);

        Assert.Equal(eTagA, (await a.Table.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.Equal(eTagB, (await b.Table.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.Single((await a.Table.ReadRows(entry.GrainId)).Reminders);
        Assert.Single((await a.Table.ReadRows(0, 0)).Reminders);
        Assert.False(await a.Table.RemoveRow(entry.GrainId, entry.ReminderName, eTagB!));

        await a.Table.TestOnlyClearTable();

        Assert.Empty((await a.Table.ReadRows(0, 0)).Reminders);
        Assert.Equal(eTagB, (await b.Table.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.Single((await b.Table.ReadRows(0, 0)).Reminders);
    }
}
