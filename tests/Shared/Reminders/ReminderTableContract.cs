using Orleans;
using Orleans.Runtime;
using Xunit;

namespace TDeveloper.Tests.Reminders;

/// <summary>
/// The contract every reminder table keeps (Orleans' IReminderTable): rows round-trip, ETags guard removal, a ring
/// range (begin, end] wraps when begin ≥ end, rows outlive a table instance, services sharing a store stay apart.
/// A subclass says how to start a table; each test uses its own service id.
/// </summary>
public abstract class ReminderTableContract
{
    private const uint Sixteenth = 0x10000000;

    /// <summary>Starts a table instance for <paramref name="serviceId"/>; a second call for the same id is a silo restart.</summary>
    protected abstract Task<IReminderTable> StartTableAsync(string serviceId);

    private static string NewServiceId() => "reminders-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_row_round_trips_every_field_and_the_etag_that_upsert_returned()
    {
        var table = await StartTableAsync(NewServiceId());
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
    }

    [Fact]
    public async Task A_missing_row_reads_as_null()
    {
        var table = await StartTableAsync(NewServiceId());

        Assert.Null(await table.ReadRow(TestReminders.NewGrain(), "none"));
    }

    [Fact]
    public async Task Remove_succeeds_only_with_the_current_etag_and_a_refused_remove_leaves_the_row()
    {
        var table = await StartTableAsync(NewServiceId());
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
    public async Task Reading_by_grain_returns_exactly_that_grains_reminders()
    {
        var table = await StartTableAsync(NewServiceId());
        var grain = TestReminders.Grain("g#1");
        var lookAlike = TestReminders.Grain("g#1#x");
        var mine = new[] { "a", "b", "c#d" }.Select(name => TestReminders.Entry(grain, name)).ToList();
        await table.UpsertAllAsync([.. mine, TestReminders.Entry(lookAlike, "a"), TestReminders.Entry(TestReminders.NewGrain(), "a")]);

        var read = await table.ReadRows(grain);

        Assert.Equal(mine.Select(e => (e.GrainId, e.ReminderName)).ToHashSet(), read.Keys());
        Assert.Empty((await table.ReadRows(TestReminders.NewGrain())).Reminders);
    }

    [Fact]
    public async Task A_new_table_instance_for_the_same_service_reads_the_rows_and_etags_of_the_last()
    {
        var serviceId = NewServiceId();
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "survives");
        var eTag = await (await StartTableAsync(serviceId)).UpsertRow(entry);

        var after = await StartTableAsync(serviceId);

        Assert.Equal(eTag, (await after.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.Single((await after.ReadRows(entry.GrainId)).Reminders);
        Assert.Single((await after.ReadRows(0, 0)).Reminders);
        Assert.True(await after.RemoveRow(entry.GrainId, entry.ReminderName, eTag!));
    }

    [Fact]
    public async Task Two_services_sharing_the_store_see_and_touch_only_their_own_rows()
    {
        var a = await StartTableAsync(NewServiceId());
        var b = await StartTableAsync(NewServiceId());
        var entry = TestReminders.Entry(TestReminders.NewGrain(), "same");
        var eTagA = await a.UpsertRow(entry);
        var eTagB = await b.UpsertRow(entry);

        Assert.Equal(eTagA, (await a.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.Equal(eTagB, (await b.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.Single((await a.ReadRows(entry.GrainId)).Reminders);
        Assert.False(await a.RemoveRow(entry.GrainId, entry.ReminderName, eTagB!));

        await a.TestOnlyClearTable();

        Assert.Empty((await a.ReadRows(0, 0)).Reminders);
        Assert.Equal(eTagB, (await b.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        Assert.Single((await b.ReadRows(0, 0)).Reminders);
    }

    [Theory]
    [InlineData(0x3FFFFFFFu, 0xBFFFFFFFu)]
    [InlineData(0u, uint.MaxValue)]
    [InlineData(0xBFFFFFFFu, 0x3FFFFFFFu)]
    [InlineData(uint.MaxValue, 0x7FFFFFFFu)]
    [InlineData(0x7FFFFFFFu, 0u)]
    public async Task A_range_returns_exactly_the_rows_whose_grain_hash_it_holds(uint begin, uint end)
    {
        var table = await StartTableAsync(NewServiceId());
        var rows = await SeedOneGrainPerSixteenthAsync(table);

        var read = await table.ReadRows(begin, end);

        var expected = Expected(rows, begin, end);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, read.Keys());
        Assert.Equal(read.Reminders.Count, read.Keys().Count);
    }

    [Fact]
    public async Task The_begin_hash_is_excluded_and_the_end_hash_included_and_begin_equal_to_end_is_the_full_ring()
    {
        var table = await StartTableAsync(NewServiceId());
        var rows = await SeedOneGrainPerSixteenthAsync(table);
        var low = rows[4].GrainId.GetUniformHashCode();
        var high = rows[20].GrainId.GetUniformHashCode();

        var plain = (await table.ReadRows(low, high)).Keys();
        var wrapping = (await table.ReadRows(high, low)).Keys();

        Assert.DoesNotContain((rows[4].GrainId, rows[4].ReminderName), plain);
        Assert.Contains((rows[20].GrainId, rows[20].ReminderName), plain);
        Assert.Contains((rows[4].GrainId, rows[4].ReminderName), wrapping);
        Assert.DoesNotContain((rows[20].GrainId, rows[20].ReminderName), wrapping);
        Assert.Equal(rows.Count, plain.Count + wrapping.Count);
        foreach (var point in new[] { 0u, uint.MaxValue, low })
        {
            Assert.Equal(rows.Count, (await table.ReadRows(point, point)).Reminders.Count);
        }
    }

    [Fact]
    public async Task Every_range_between_row_hashes_and_their_neighbours_matches_the_ring_semantics()
    {
        var table = await StartTableAsync(NewServiceId());
        var rows = await SeedOneGrainPerSixteenthAsync(table);
        var points = rows.Select(r => r.GrainId.GetUniformHashCode()).SelectMany(h => new[] { h - 1, h, h + 1 }).Append(0u).Append(uint.MaxValue).Distinct().ToArray();
        var random = new Random(20300102);

        for (var i = 0; i < 100; i++)
        {
            var begin = points[random.Next(points.Length)];
            var end = points[random.Next(points.Length)];
            Assert.Equal(Expected(rows, begin, end), (await table.ReadRows(begin, end)).Keys());
        }
    }

    /// <summary>Two reminders for each of 16 grains, grain i hashing into the i-th sixteenth of the ring; odd grains have '#' in their keys.</summary>
    protected static async Task<List<ReminderEntry>> SeedOneGrainPerSixteenthAsync(IReminderTable table)
    {
        var rows = Enumerable.Range(0, 16)
            .Select(i => TestReminders.GrainWithHashIn((uint)i * Sixteenth, (uint)i * Sixteenth + (Sixteenth - 1), i % 2 == 1 ? "k#" : ""))
            .SelectMany(grain => new[] { TestReminders.Entry(grain, "one"), TestReminders.Entry(grain, "two#2") })
            .ToList();
        await table.UpsertAllAsync(rows);
        return rows;
    }

    /// <summary>The rows whose grain hash is in (begin, end].</summary>
    protected static HashSet<(GrainId, string)> Expected(IEnumerable<ReminderEntry> rows, uint begin, uint end) =>
        rows.Where(r => TestReminders.InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(r => (r.GrainId, r.ReminderName)).ToHashSet();
}
