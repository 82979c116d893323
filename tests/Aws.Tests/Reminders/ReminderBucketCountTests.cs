namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>The bucket count is recorded per service; changing it is refused unless the old count is named, which moves rows.</summary>
[Collection(DynaliteCollection.Name)]
public class ReminderBucketCountTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task A_table_instance_with_another_bucket_count_does_not_start_and_names_both_counts()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using (await ReminderTestTables.StartAsync(dynalite, serviceId, o => o.Buckets = 16))
        {
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ReminderTestTables.StartAsync(dynalite, serviceId, o => o.Buckets = 32));

        Assert.Contains("in 16 buckets", refused.Message);
        Assert.Contains("Buckets is 32", refused.Message);
        Assert.Contains("PreviousBuckets", refused.Message);
        using var same = await ReminderTestTables.StartAsync(dynalite, serviceId, o => o.Buckets = 16);
    }

    [Fact]
    public async Task Naming_the_previous_count_reads_its_rows_moves_them_on_write_and_records_the_new_count()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        var rows = Enumerable.Range(0, 40).Select(i => TestReminders.Entry(TestReminders.NewGrain(), $"r{i}")).ToList();
        using (var before = await ReminderTestTables.StartAsync(dynalite, serviceId, o => o.Buckets = 4))
        {
            await before.Table.UpsertAllAsync(rows);
        }

        using var after = await ReminderTestTables.StartAsync(dynalite, serviceId, o =>
        {
            o.Buckets = 16;
            o.PreviousBuckets = 4;
        });

        Assert.Equal(rows.Select(r => (r.GrainId, r.ReminderName)).ToHashSet(), (await after.Table.ReadRows(0, 0)).Keys());
        var moved = await after.Table.UpsertRow(rows[0]);
        var old = await after.Table.ReadRow(rows[1].GrainId, rows[1].ReminderName);
        Assert.True(await after.Table.RemoveRow(rows[1].GrainId, rows[1].ReminderName, old!.ETag!));
        Assert.Equal(moved, Assert.Single((await after.Table.ReadRows(rows[0].GrainId)).Reminders).ETag);
        Assert.Equal(rows.Count - 1, (await after.Table.ReadRows(0, 0)).Reminders.Count);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReminderTestTables.StartAsync(dynalite, serviceId, o => o.Buckets = 4));
        using var restarted = await ReminderTestTables.StartAsync(dynalite, serviceId, o =>
        {
            o.Buckets = 16;
            o.PreviousBuckets = 4;
        });
        Assert.Equal(rows.Count - 1, (await restarted.Table.ReadRows(0, 0)).Reminders.Count);
    }
}
