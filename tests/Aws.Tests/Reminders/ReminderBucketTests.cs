using System.Globalization;

namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>Where rows land among the buckets, and that ranges cutting the ring read back every row exactly once.</summary>
[Collection(DynaliteCollection.Name)]
public class ReminderBucketTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Each_row_lands_in_the_bucket_of_its_grain_hash_and_none_in_the_old_partition()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var started = await ReminderTestTables.StartAsync(dynalite, serviceId, o => o.Buckets = 8);
        var rows = Enumerable.Range(0, 400).Select(i => TestReminders.Entry(TestReminders.NewGrain(), "r")).ToList();
        await started.Table.UpsertAllAsync(rows);
        using var client = dynalite.CreateClient();

        var counts = new int[8];
        for (var bucket = 0; bucket < 8; bucket++)
        {
            foreach (var item in await LegacyReminderRows.InPartitionAsync(client, $"{serviceId}#8#{bucket}"))
            {
                Assert.Equal(bucket, (int)(uint.Parse(item["GrainHash"].N, CultureInfo.InvariantCulture) >> 29));
                counts[bucket]++;
            }
        }

        Assert.Equal(rows.Count, counts.Sum());
        Assert.All(counts, count => Assert.InRange(count, 20, 80));
        Assert.Empty(await LegacyReminderRows.InPartitionAsync(client, serviceId));
    }

    [Fact]
    public async Task Thousands_of_reminders_are_read_back_exactly_by_ranges_that_partition_the_ring()
    {
        using var started = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId());
        var rows = Enumerable.Range(0, 3000).Select(i => TestReminders.Entry(TestReminders.Grain($"session-{i}"), "checkpoint")).ToList();
        await started.Table.UpsertAllAsync(rows);
        var random = new Random(11);
        var cuts = Enumerable.Range(0, 24).Select(_ => (uint)random.NextInt64(0, 1L << 32)).Append(0u).Append(uint.MaxValue).Distinct().Order().ToArray();

        var read = new List<ReminderEntry>();
        for (var i = 0; i < cuts.Length; i++)
        {
            var (begin, end) = (cuts[i], cuts[(i + 1) % cuts.Length]);
            var range = await started.Table.ReadRows(begin, end);
            Assert.All(range.Reminders, r => Assert.True(TestReminders.InRange(r.GrainId.GetUniformHashCode(), begin, end)));
            read.AddRange(range.Reminders);
        }

        Assert.Equal(rows.Count, read.Count);
        Assert.Equal(rows.Select(r => (r.GrainId, r.ReminderName)).ToHashSet(), read.Select(r => (r.GrainId, r.ReminderName)).ToHashSet());
    }
}
