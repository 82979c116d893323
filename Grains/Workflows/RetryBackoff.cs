namespace TDeveloper.Grains.Workflows;

/// <summary>Capped exponential backoff with ±30 % jitter, so retries of many steps do not arrive together.</summary>
public static class RetryBackoff
{
    /// <summary>The fraction by which a delay is randomly lengthened or shortened.</summary>
    public const double JitterFraction = 0.3;

    /// <summary>Gets the delay before attempt <paramref name="nextAttempt"/> (2 or more).</summary>
    /// <param name="nextAttempt">The attempt about to be made; attempt 2 waits <paramref name="baseDelay"/>, each later one twice as long.</param>
    /// <param name="baseDelay">The delay before the second attempt.</param>
    /// <param name="maxDelay">The cap, applied before the jitter; the jittered delay never exceeds it either.</param>
    /// <param name="unitRandom">A random number in [0, 1).</param>
    public static TimeSpan Delay(int nextAttempt, TimeSpan baseDelay, TimeSpan maxDelay, double unitRandom)
    {
        var exponent = Math.Clamp(nextAttempt - 2, 0, 30);
        var raw = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        var jittered = raw * (1 + (unitRandom * 2 - 1) * JitterFraction);
        return TimeSpan.FromMilliseconds(Math.Clamp(jittered, 0, maxDelay.TotalMilliseconds));
    }
}
