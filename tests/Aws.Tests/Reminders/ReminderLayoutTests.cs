using TDeveloper.Aws.Reminders;

namespace TDeveloper.Aws.Tests.Reminders;

public class ReminderLayoutTests
{
    [Theory]
    [InlineData(16, 0x00000000u, 0)]
    [InlineData(16, 0x0FFFFFFFu, 0)]
    [InlineData(16, 0x10000000u, 1)]
    [InlineData(16, 0xFFFFFFFFu, 15)]
    [InlineData(32, 0x08000000u, 1)]
    [InlineData(1, 0xFFFFFFFFu, 0)]
    [InlineData(1024, 0xFFFFFFFFu, 1023)]
    public void A_bucket_is_the_top_bits_of_the_hash(int buckets, uint hash, int bucket)
    {
        Assert.Equal(bucket, new ReminderLayout(buckets).BucketOf(hash));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(32)]
    [InlineData(1024)]
    public void The_slices_of_the_buckets_are_contiguous_in_order_and_cover_the_ring(int buckets)
    {
        var layout = new ReminderLayout(buckets);
        var next = 0L;
        for (var bucket = 0; bucket < buckets; bucket++)
        {
            var slice = layout.SliceOf(bucket);
            Assert.Equal(next, slice.Low);
            Assert.Equal(bucket, layout.BucketOf(slice.Low));
            Assert.Equal(bucket, layout.BucketOf(slice.High));
            next = slice.High + 1L;
        }

        Assert.Equal(1L << 32, next);
    }

    [Fact]
    public void An_interval_is_cut_into_the_parts_each_overlapping_bucket_holds()
    {
        var parts = new ReminderLayout(16).Overlapping(new HashInterval(0x0FFFFFF0, 0x2000000F)).ToList();

        Assert.Equal(
            [(0, new HashInterval(0x0FFFFFF0, 0x0FFFFFFF)), (1, new HashInterval(0x10000000, 0x1FFFFFFF)), (2, new HashInterval(0x20000000, 0x2000000F))],
            parts);
    }

    [Fact]
    public void Grains_spread_evenly_over_the_buckets()
    {
        var layout = new ReminderLayout(32);
        var counts = new int[32];
        for (var i = 0; i < 32_000; i++) counts[layout.BucketOf(TestReminders.Grain($"session-{i}").GetUniformHashCode())]++;

        // 1,000 expected per bucket; a uniform hash stays within a few standard deviations (about 31).
        Assert.All(counts, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public void Partition_keys_name_the_service_the_count_and_the_bucket_and_one_bucket_is_the_bare_service_id()
    {
        Assert.Equal("svc#32#7", new ReminderLayout(32).PartitionKey("svc", 7));
        Assert.Equal("svc", ReminderLayout.Legacy.PartitionKey("svc", 0));
        Assert.NotEqual(new ReminderLayout(16).PartitionKey("svc", 1), new ReminderLayout(32).PartitionKey("svc", 1));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(32, true)]
    [InlineData(1024, true)]
    [InlineData(0, false)]
    [InlineData(24, false)]
    [InlineData(2048, false)]
    [InlineData(-4, false)]
    public void A_bucket_count_is_a_power_of_two_up_to_1024(int buckets, bool valid)
    {
        Assert.Equal(valid, ReminderLayout.IsValid(buckets));
    }
}
