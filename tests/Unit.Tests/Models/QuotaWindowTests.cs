using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models.Quotas;

namespace TDeveloper.Unit.Tests.Models;

public class QuotaWindowTests
{
    private static readonly DateTimeOffset Minute = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ModelQuotaOptions Options = new() { SlowdownThreshold = 0.8, MaxSlowdown = TimeSpan.FromSeconds(2) };

    [Fact]
    public void Calls_up_to_80_percent_are_granted_then_slowed_then_refused_until_the_window_ends()
    {
        var window = new QuotaWindow(new ModelQuotaLimits(RequestsPerMinute: 10, TokensPerMinute: 0), Options);
        var now = Minute.AddSeconds(15);

        var outcomes = Enumerable.Range(0, 11).Select(_ => window.TryAcquire(100, now)).ToList();

        Assert.All(outcomes.Take(8), g => Assert.Equal(ModelQuotaOutcome.Granted, g.Outcome));
        Assert.Equal([ModelQuotaOutcome.Slowed, ModelQuotaOutcome.Slowed], outcomes.Skip(8).Take(2).Select(g => g.Outcome));
        Assert.Equal(TimeSpan.FromSeconds(1), outcomes[8].Delay);
        Assert.Equal(TimeSpan.FromSeconds(2), outcomes[9].Delay);
        Assert.Equal(ModelQuotaOutcome.Exhausted, outcomes[10].Outcome);
        Assert.Equal(TimeSpan.FromSeconds(45), outcomes[10].Delay);
        Assert.Equal(10, window.Requests);
    }

    [Fact]
    public void A_new_window_starts_from_zero()
    {
        var window = new QuotaWindow(new ModelQuotaLimits(2, 0), Options);
        window.TryAcquire(1, Minute);
        window.TryAcquire(1, Minute.AddSeconds(59));

        Assert.Equal(ModelQuotaOutcome.Exhausted, window.TryAcquire(1, Minute.AddSeconds(59.9)).Outcome);
        var next = window.TryAcquire(1, Minute.AddMinutes(1));

        Assert.True(next.IsGranted);
        Assert.Equal(Minute.AddMinutes(1), next.Window);
        Assert.Equal(1, window.Requests);
    }

    [Fact]
    public void Tokens_count_against_their_own_limit_and_a_call_larger_than_it_can_never_fit()
    {
        var window = new QuotaWindow(new ModelQuotaLimits(0, TokensPerMinute: 10_000), Options);

        Assert.Equal(ModelQuotaOutcome.TooLarge, window.TryAcquire(10_001, Minute).Outcome);
        Assert.Equal(ModelQuotaOutcome.Granted, window.TryAcquire(6_000, Minute).Outcome);
        Assert.Equal(ModelQuotaOutcome.Slowed, window.TryAcquire(3_000, Minute).Outcome);
        Assert.Equal(ModelQuotaOutcome.Exhausted, window.TryAcquire(1_001, Minute).Outcome);
        Assert.Equal(ModelQuotaOutcome.Slowed, window.TryAcquire(1_000, Minute).Outcome);
    }

    [Fact]
    public void Back_pressure_grows_with_usage_and_never_outlasts_the_window()
    {
        var window = new QuotaWindow(new ModelQuotaLimits(100, 0), new ModelQuotaOptions { SlowdownThreshold = 0.5, MaxSlowdown = TimeSpan.FromSeconds(30) });
        var late = Minute.AddSeconds(50);

        var delays = Enumerable.Range(0, 100).Select(_ => window.TryAcquire(0, late)).Where(g => g.Outcome == ModelQuotaOutcome.Slowed).Select(g => g.Delay).ToList();

        Assert.Equal(50, delays.Count);
        Assert.Equal(delays.Order(), delays);
        Assert.True(delays[0] < delays[^1]);
        Assert.Equal(TimeSpan.FromSeconds(10), delays[^1]);
    }

    [Fact]
    public void Corrections_adjust_the_window_they_were_counted_in_and_are_dropped_after_it()
    {
        var window = new QuotaWindow(new ModelQuotaLimits(0, 1_000), Options);
        var grant = window.TryAcquire(500, Minute);

        window.Correct(grant.Window, 400, Minute.AddSeconds(30));
        Assert.Equal(900, window.Tokens);
        Assert.Equal(ModelQuotaOutcome.Exhausted, window.TryAcquire(200, Minute.AddSeconds(30)).Outcome);

        window.Correct(grant.Window, -2_000, Minute.AddSeconds(31));
        Assert.Equal(0, window.Tokens);

        var later = window.TryAcquire(100, Minute.AddMinutes(1));
        window.Correct(grant.Window, 5_000, Minute.AddMinutes(1));
        Assert.Equal(100, window.Tokens);
        Assert.True(later.IsGranted);
    }
}
