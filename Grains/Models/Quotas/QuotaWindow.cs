using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Quotas;

/// <summary>
/// Counts requests and tokens of one model in fixed one-minute windows aligned to the clock, and answers whether a
/// call fits: granted, slowed (above the back-pressure threshold, with a delay growing linearly to
/// <see cref="ModelQuotaOptions.MaxSlowdown"/> at 100 %), exhausted until the window ends, or too large ever to fit.
/// A call is counted when it is granted, so the counts never pass a limit on estimates; corrections of the actual
/// tokens may. Hand-written: no served package counts a quota shared by a cluster (System.Threading.RateLimiting's
/// limiters are per process).
/// </summary>
public sealed class QuotaWindow(ModelQuotaLimits limits, ModelQuotaOptions options)
{
    /// <summary>The length of a window: providers state their limits per minute.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    private DateTimeOffset _start = DateTimeOffset.MinValue;

    /// <summary>Gets the requests counted in the current window.</summary>
    public long Requests { get; private set; }

    /// <summary>Gets the tokens counted in the current window.</summary>
    public long Tokens { get; private set; }

    /// <summary>Asks for room for one call of <paramref name="tokens"/> tokens at <paramref name="now"/>.</summary>
    public ModelQuotaGrant TryAcquire(long tokens, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        Roll(now);
        var left = _start + Length - now;
        if (limits.TokensPerMinute > 0 && tokens > limits.TokensPerMinute) return new() { Outcome = ModelQuotaOutcome.TooLarge, Window = _start };

        var full = (limits.RequestsPerMinute > 0 && Requests + 1 > limits.RequestsPerMinute)
            || (limits.TokensPerMinute > 0 && Tokens + tokens > limits.TokensPerMinute);
        if (full) return new() { Outcome = ModelQuotaOutcome.Exhausted, Delay = left, Window = _start };

        Requests++;
        Tokens += tokens;
        var usage = Math.Max(Share(Requests, limits.RequestsPerMinute), Share(Tokens, limits.TokensPerMinute));
        if (usage <= options.SlowdownThreshold || options.SlowdownThreshold >= 1) return new() { Outcome = ModelQuotaOutcome.Granted, Window = _start };

        var pressure = (usage - options.SlowdownThreshold) / (1 - options.SlowdownThreshold);
        var delay = TimeSpan.FromTicks(Math.Min((long)(options.MaxSlowdown.Ticks * pressure), left.Ticks));
        return new() { Outcome = ModelQuotaOutcome.Slowed, Delay = delay, Window = _start };
    }

    /// <summary>Corrects the tokens of <paramref name="window"/> by <paramref name="tokens"/>, if it is still the current one at <paramref name="now"/>.</summary>
    public void Correct(DateTimeOffset window, long tokens, DateTimeOffset now)
    {
        Roll(now);
        if (window == _start) Tokens = Math.Max(0, Tokens + tokens);
    }

    private void Roll(DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Length.Ticks, TimeSpan.Zero);
        if (start == _start) return;
        _start = start;
        Requests = 0;
        Tokens = 0;
    }

    private static double Share(long used, long limit) => limit > 0 ? (double)used / limit : 0;
}
