namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>Rows written before buckets, under the bare service id, stay readable, and writes move them.</summary>
[Collection(DynaliteCollection.Name)]
public class ReminderLegacyLayoutTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Rows_of_the_old_single_partition_are_read_by_row_by_grain_and_by_range()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var client = dynalite.CreateClient();
        var old = Enumerable.Range(0, 20).Select(i => TestReminders.Entry(TestReminders.NewGrain(), $"old{i}")).ToList();
        foreach (var entry in old) await LegacyReminderRows.PutAsync(client, serviceId, entry, "legacy-etag");
        using var started = await ReminderTestTables.StartAsync(dynalite, serviceId, o => o.Buckets = 16);
        var fresh = TestReminders.Entry(old[0].GrainId, "new");
        await started.Table.UpsertRow(fresh);

        var row = await started.Table.ReadRow(old[3].GrainId, old[3].ReminderName);
        var byGrain = await started.Table.ReadRows(old[0].GrainId);
        var all = await started.Table.ReadRows(0, 0);
        var lowHalf = await started.Table.ReadRows(uint.MaxValue, 0x7FFFFFFF);
        var highHalf = await started.Table.ReadRows(0x7FFFFFFF, uint.MaxValue);

        Assert.Equal("legacy-etag", row?.ETag);
        Assert.Equal(old[3].StartAt, row?.StartAt);
        Assert.Equal(new[] { (old[0].GrainId, old[0].ReminderName), (fresh.GrainId, fresh.ReminderName) }.ToHashSet(), byGrain.Keys());
        Assert.Equal(old.Append(fresh).Select(r => (r.GrainId, r.ReminderName)).ToHashSet(), all.Keys());
        Assert.Equal(all.Keys(), lowHalf.Keys().Union(highHalf.Keys()).ToHashSet());
        Assert.Equal(all.Reminders.Count, lowHalf.Reminders.Count + highHalf.Reminders.Count);
    }

    [Fact]
    public async Task Upserting_an_old_row_moves_it_to_its_bucket_and_leaves_one_copy()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var client = dynalite.CreateClient();
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "r");
        await LegacyReminderRows.PutAsync(client, serviceId, entry, "legacy-etag");
        using var started = await ReminderTestTables.StartAsync(dynalite, serviceId);

        var eTag = await started.Table.UpsertRow(entry);

        Assert.Empty(await LegacyReminderRows.InPartitionAsync(client, serviceId));
        Assert.Equal(eTag, Assert.Single((await started.Table.ReadRows(0, 0)).Reminders).ETag);
        Assert.Equal(eTag, (await started.Table.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
    }

    [Fact]
    public async Task An_old_row_is_removed_with_its_etag_and_only_with_it()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var client = dynalite.CreateClient();
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "r");
        await LegacyReminderRows.PutAsync(client, serviceId, entry, "legacy-etag");
        using var started = await ReminderTestTables.StartAsync(dynalite, serviceId);

        Assert.False(await started.Table.RemoveRow(entry.GrainId, entry.ReminderName, "other-etag"));
        Assert.NotNull(await started.Table.ReadRow(entry.GrainId, entry.ReminderName));
        Assert.True(await started.Table.RemoveRow(entry.GrainId, entry.ReminderName, "legacy-etag"));

        Assert.Null(await started.Table.ReadRow(entry.GrainId, entry.ReminderName));
        Assert.Empty(await LegacyReminderRows.InPartitionAsync(client, serviceId));
    }

    [Fact]
    public async Task When_a_crash_left_both_copies_the_bucket_row_wins_and_removing_it_removes_both()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var client = dynalite.CreateClient();
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "r");
        await LegacyReminderRows.PutAsync(client, serviceId, entry, "legacy-etag");
        string? eTag;
        using (var withoutCleanup = await ReminderTestTables.StartAsync(dynalite, serviceId, o => o.ReadLegacyPartition = false))
        {
            eTag = await withoutCleanup.Table.UpsertRow(entry);
        }

        using var started = await ReminderTestTables.StartAsync(dynalite, serviceId);

        Assert.Equal(eTag, Assert.Single((await started.Table.ReadRows(0, 0)).Reminders).ETag);
        Assert.Equal(eTag, Assert.Single((await started.Table.ReadRows(entry.GrainId)).Reminders).ETag);
        Assert.Equal(eTag, (await started.Table.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.True(await started.Table.RemoveRow(entry.GrainId, entry.ReminderName, eTag!));
        Assert.Null(await started.Table.ReadRow(entry.GrainId, entry.ReminderName));
        Assert.Empty((await started.Table.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task With_the_legacy_partition_off_its_rows_are_neither_read_nor_touched()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var client = dynalite.CreateClient();
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "r");
        await LegacyReminderRows.PutAsync(client, serviceId, entry, "legacy-etag");
        using var started = await ReminderTestTables.StartAsync(dynalite, serviceId, o => o.ReadLegacyPartition = false);

        Assert.Null(await started.Table.ReadRow(entry.GrainId, entry.ReminderName));
        Assert.Empty((await started.Table.ReadRows(0, 0)).Reminders);
        Assert.False(await started.Table.RemoveRow(entry.GrainId, entry.ReminderName, "legacy-etag"));
        Assert.Single(await LegacyReminderRows.InPartitionAsync(client, serviceId));
    }
}

/// <summary>Moving the rows of older layouts into their buckets, so that reading those layouts can be turned off.</summary>
[Collection(DynaliteCollection.Name)]
public class ReminderMoveTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Moving_on_start_empties_the_old_layouts_and_keeps_every_row_with_its_etag_the_newer_copy_winning()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var client = dynalite.CreateClient();
        var legacy = Enumerable.Range(0, 30).Select(i => TestReminders.Entry(TestReminders.NewGrain(), $"legacy{i}")).ToList();
        foreach (var entry in legacy) await LegacyReminderRows.PutAsync(client, serviceId, entry, $"etag-{entry.ReminderName}");
        var previous = Enumerable.Range(0, 30).Select(i => TestReminders.Entry(TestReminders.NewGrain(), $"previous{i}")).ToList();
        using (var before = await ReminderTestTables.StartAsync(dynalite, serviceId, o =>
        {
            o.Buckets = 4;
            o.ReadLegacyPartition = false;
        }))
        {
            await before.Table.UpsertAllAsync(previous);
        }

        string? newer;
        using (var upgraded = await ReminderTestTables.StartAsync(dynalite, serviceId, o =>
        {
            o.Buckets = 16;
            o.PreviousBuckets = 4;
            o.ReadLegacyPartition = false;
        }))
        {
            newer = await upgraded.Table.UpsertRow(legacy[0]);
        }

        var expected = (await ReadAllAsync(serviceId, o =>
        {
            o.Buckets = 16;
            o.PreviousBuckets = 4;
        })).ToDictionary(r => (r.GrainId, r.ReminderName), r => r.ETag);

        using (var mover = await ReminderTestTables.StartAsync(dynalite, serviceId, o =>
        {
            o.Buckets = 16;
            o.PreviousBuckets = 4;
            o.MoveOlderRowsOnStart = true;
        }))
        {
        }

        Assert.Empty(await LegacyReminderRows.InPartitionAsync(client, serviceId));
        for (var bucket = 0; bucket < 4; bucket++) Assert.Empty(await LegacyReminderRows.InPartitionAsync(client, $"{serviceId}#4#{bucket}"));
        var after = await ReadAllAsync(serviceId, o => o.Buckets = 16);
        Assert.Equal(legacy.Count + previous.Count, expected.Count);
        Assert.Equal(expected, after.ToDictionary(r => (r.GrainId, r.ReminderName), r => r.ETag));
        Assert.Equal(newer, expected[(legacy[0].GrainId, legacy[0].ReminderName)]);
        Assert.Equal("etag-legacy1", expected[(legacy[1].GrainId, legacy[1].ReminderName)]);
    }

    private async Task<IList<ReminderEntry>> ReadAllAsync(string serviceId, Action<TDeveloper.Aws.Reminders.DynamoDBReminderOptions> configure)
    {
        using var reader = await ReminderTestTables.StartAsync(dynalite, serviceId, configure);
        return (await reader.Table.ReadRows(0, 0)).Reminders;
    }
}
