using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(2, 1000)]
    [InlineData(3, 2000)]
    [InlineData(4, 4000)]
    [InlineData(5, 8000)]
    [InlineData(6, 10000)]
    [InlineData(40, 10000)]
    public void Without_jitter_the_delay_doubles_per_attempt_up_to_the_cap(int attempt, double expectedMs) =>
        Assert.Equal(expectedMs, RetryBackoff.Delay(attempt, Base, Cap, unitRandom: 0.5).TotalMilliseconds, 3);

    [Fact]
    public void Jitter_moves_the_delay_by_at_most_thirty_percent_and_never_past_the_cap()
    {
        Assert.Equal(700, RetryBackoff.Delay(2, Base, Cap, 0).TotalMilliseconds, 3);
        Assert.Equal(1300, RetryBackoff.Delay(2, Base, Cap, 1).TotalMilliseconds, 3);
        Assert.Equal(10000, RetryBackoff.Delay(9, Base, Cap, 1).TotalMilliseconds, 3);
    }
}
