using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Options;

/// <summary>
/// Gets or sets the thresholds of a session's monitoring (section <c>TDeveloper:Sessions:Monitoring</c>): each heartbeat a live
/// session samples its memory, duration, error rate, tokens and cost, and raises an alert once when a figure crosses its threshold.
/// </summary>
public sealed class SessionMonitoringOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Sessions:Monitoring";

    /// <summary>Gets or sets whether live sessions sample themselves on their heartbeat. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the estimated memory (state plus agents' memory tiers) over which a session raises a memory alert. Default 2 GiB.</summary>
    [Range(1L, long.MaxValue)]
    public long MemoryThresholdBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Gets or sets the age over which a session raises a duration alert. Default 7 h (an hour before the 8 h maximum lifetime).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan DurationThreshold { get; set; } = TimeSpan.FromHours(7);

    /// <summary>Gets or sets the share of finished steps that failed over which a session raises an error-rate alert. Default 0.05 (5 %).</summary>
    [Range(0.0, 1.0)]
    public double ErrorRateThreshold { get; set; } = 0.05;

    /// <summary>Gets or sets how many steps must have finished before the error rate is judged, so that one failed step of one is not 100 %. Default 20.</summary>
    [Range(1, 1_000_000)]
    public int ErrorRateMinSteps { get; set; } = 20;
}
