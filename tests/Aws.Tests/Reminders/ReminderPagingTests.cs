namespace TDeveloper.Aws.Tests.Reminders;

[Collection(DynaliteCollection.Name)]
public class ReminderPagingTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Ranges_and_clearing_follow_every_page_of_every_bucket()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId(), o =>
        {
            o.QueryPageSize = 100;
            o.Buckets = 4;
            o.ReadLegacyPartition = false;
        });
        var table = started.Table;
        var rows = Enumerable.Range(0, 1500).Select(i => TestReminders.Entry(TestReminders.NewGrain(), $"r{i}")).ToList();
        await table.UpsertAllAsync(rows);
        started.Requests.Calls.Clear();

        var all = await table.ReadRows(0, 0);

        Assert.Equal(rows.Count, all.Reminders.Count);
        Assert.Equal(rows.Select(r => (r.GrainId, r.ReminderName)).ToHashSet(), all.Keys());
        // Four buckets of about 375 rows each, at most 100 rows a page: four or five pages each.
        Assert.InRange(started.Requests.Queries, 16, 20);

        started.Requests.Calls.Clear();
        var wrapped = await table.ReadRows(0xC0000000, 0x40000000);

        var expected = rows.Where(r => TestReminders.InRange(r.GrainId.GetUniformHashCode(), 0xC0000000, 0x40000000)).Select(r => (r.GrainId, r.ReminderName)).ToHashSet();
        Assert.True(expected.Count > 200);
        Assert.Equal(expected, wrapped.Keys());
        Assert.True(started.Requests.Queries >= 8);

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task Reading_a_grain_follows_every_page()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId(), o =>
        {
            o.QueryPageSize = 100;
            o.ReadLegacyPartition = false;
        });
        var grain = TestReminders.NewGrain();
        await started.Table.UpsertAllAsync(Enumerable.Range(0, 250).Select(i => TestReminders.Entry(grain, $"r{i}")));
        started.Requests.Calls.Clear();

        var read = await started.Table.ReadRows(grain);

        Assert.Equal(250, read.Keys().Count);
        Assert.Equal(3, started.Requests.Queries);
    }

    [Fact]
    public async Task Without_a_page_size_a_range_larger_than_one_megabyte_comes_in_several_pages()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId(), o => o.Buckets = 1);
        var longName = new string('n', 900);
        var rows = Enumerable.Range(0, 700).Select(i => TestReminders.Entry(TestReminders.NewGrain(), $"{i}-{longName}")).ToList();
        await started.Table.UpsertAllAsync(rows);
        started.Requests.Calls.Clear();

        var all = await started.Table.ReadRows(0, uint.MaxValue);

        Assert.Equal(rows.Where(r => r.GrainId.GetUniformHashCode() != 0).Select(r => (r.GrainId, r.ReminderName)).ToHashSet(), all.Keys());
        Assert.True(started.Requests.Queries >= 2, $"{started.Requests.Queries} queries");
    }
}
