namespace TDeveloper.Grains.Models.Routing;

/// <summary>What this silo has measured of a model.</summary>
/// <param name="Latency">The smoothed latency of its successful calls, or null before the first.</param>
/// <param name="ErrorRate">The share of its recent calls that failed in a retryable way (0–1).</param>
/// <param name="IsAvailable">Whether it may be called now: its circuit is closed, half-open, or due for a trial call.</param>
public sealed record ModelStats(TimeSpan? Latency, double ErrorRate, bool IsAvailable)
{
    /// <summary>The stats of a model never called.</summary>
    public static readonly ModelStats Unmeasured = new(null, 0, true);
}
