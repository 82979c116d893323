namespace TDeveloper.Aws.Tests.Reminders;

[Collection(DynaliteCollection.Name)]
public class ReminderRangeTests(DynaliteFixture dynalite)
{
    private const uint Sixteenth = 0x10000000;

    [Theory]
    [InlineData(0x3FFFFFFFu, 0xBFFFFFFFu, 1)]
    [InlineData(0u, uint.MaxValue, 1)]
    [InlineData(0xBFFFFFFFu, 0x3FFFFFFFu, 2)]
    [InlineData(uint.MaxValue, 0x7FFFFFFFu, 1)]
    [InlineData(0x7FFFFFFFu, 0u, 2)]
    public async Task A_range_returns_exactly_the_rows_whose_grain_hash_it_holds(uint begin, uint end, int queries)
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var rows = await SeedOneGrainPerSixteenthAsync(started.Table);
        started.Requests.Calls.Clear();

        var read = await started.Table.ReadRows(begin, end);

        var expected = Expected(rows, begin, end);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, read.Keys());
        Assert.Equal(read.Reminders.Count, read.Keys().Count);
        Assert.Equal(queries, started.Requests.Queries);
        Assert.Equal(queries, started.Requests.Calls.Count);
    }

    [Fact]
    public async Task The_begin_hash_is_excluded_and_the_end_hash_included_on_a_plain_and_a_wrapping_range()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var rows = await SeedOneGrainPerSixteenthAsync(started.Table);
        var low = rows[4].GrainId.GetUniformHashCode();
        var high = rows[20].GrainId.GetUniformHashCode();

        var plain = (await started.Table.ReadRows(low, high)).Keys();
        var wrapping = (await started.Table.ReadRows(high, low)).Keys();

        Assert.DoesNotContain((rows[4].GrainId, rows[4].ReminderName), plain);
        Assert.Contains((rows[20].GrainId, rows[20].ReminderName), plain);
        Assert.Contains((rows[4].GrainId, rows[4].ReminderName), wrapping);
        Assert.DoesNotContain((rows[20].GrainId, rows[20].ReminderName), wrapping);
        Assert.Equal(Expected(rows, low, high), plain);
        Assert.Equal(Expected(rows, high, low), wrapping);
        Assert.Equal(rows.Count, plain.Count + wrapping.Count);
    }

    [Fact]
    public async Task A_range_that_begins_where_it_ends_is_the_full_ring_in_one_query()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var rows = await SeedOneGrainPerSixteenthAsync(started.Table);
        var all = rows.Select(r => (r.GrainId, r.ReminderName)).ToHashSet();

        foreach (var point in new[] { 0u, uint.MaxValue, rows[9].GrainId.GetUniformHashCode() })
        {
            started.Requests.Calls.Clear();
            Assert.Equal(all, (await started.Table.ReadRows(point, point)).Keys());
            Assert.Equal(1, started.Requests.Queries);
        }
    }

    [Fact]
    public async Task Every_range_between_row_hashes_and_their_neighbours_matches_the_ring_semantics()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var rows = await SeedOneGrainPerSixteenthAsync(started.Table);
        var points = rows.Select(r => r.GrainId.GetUniformHashCode()).SelectMany(h => new[] { h - 1, h, h + 1 }).Append(0u).Append(uint.MaxValue).Distinct().ToArray();
        var random = new Random(20300102);

        for (var i = 0; i < 200; i++)
        {
            var begin = points[random.Next(points.Length)];
            var end = points[random.Next(points.Length)];
            Assert.Equal(Expected(rows, begin, end), (await started.Table.ReadRows(begin, end)).Keys());
        }

        Assert.DoesNotContain(nameof(Amazon.DynamoDBv2.IAmazonDynamoDB.ScanAsync), started.Requests.Calls);
    }

    /// <summary>Two reminders for each of 16 grains, grain i hashing into the i-th sixteenth of the ring; odd grains have '#' in their keys.</summary>
    private static async Task<List<ReminderEntry>> SeedOneGrainPerSixteenthAsync(IReminderTable table)
    {
        var rows = Enumerable.Range(0, 16)
            .Select(i => TestReminders.GrainWithHashIn((uint)i * Sixteenth, (uint)i * Sixteenth + (Sixteenth - 1), i % 2 == 1 ? "k#" : ""))
            .SelectMany(grain => new[] { TestReminders.Entry(grain, "one"), TestReminders.Entry(grain, "two#2") })
            .ToList();
        await table.UpsertAllAsync(rows);
        return rows;
    }

    private static HashSet<(GrainId, string)> Expected(IEnumerable<ReminderEntry> rows, uint begin, uint end) =>
        rows.Where(r => TestReminders.InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(r => (r.GrainId, r.ReminderName)).ToHashSet();
}
