using TDeveloper.Aws.Reminders;

namespace TDeveloper.Aws.Tests.Reminders;

public class HashIntervalTests
{
    private const uint Max = uint.MaxValue;

    [Theory]
    [InlineData(5u, 10u, "6..10")]
    [InlineData(0u, Max, "1..4294967295")]
    [InlineData(10u, 5u, "11..4294967295 0..5")]
    [InlineData(Max, 5u, "0..5")]
    [InlineData(Max - 1, 0u, "4294967295..4294967295 0..0")]
    [InlineData(7u, 7u, "0..4294967295")]
    [InlineData(0u, 0u, "0..4294967295")]
    public void A_ring_range_becomes_the_fewest_inclusive_intervals(uint begin, uint end, string expected)
    {
        Assert.Equal(expected, string.Join(' ', HashInterval.FromRingRange(begin, end).Select(i => $"{i.Low}..{i.High}")));
    }

    [Fact]
    public void The_intervals_hold_exactly_the_hashes_of_the_ring_range()
    {
        uint[] points = [0, 1, 2, 0x7FFFFFFF, 0x80000000, Max - 1, Max];
        foreach (var begin in points)
        foreach (var end in points)
        foreach (var hash in points)
        {
            var covered = HashInterval.FromRingRange(begin, end).Count(i => hash >= i.Low && hash <= i.High);
            Assert.Equal(TestReminders.InRange(hash, begin, end) ? 1 : 0, covered);
        }
    }
}
