using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Routing;

/// <summary>
/// Gets or sets the routing alerts' thresholds (section <c>TDeveloper:Routing:Alerts</c>): per agent type, over a sliding window of
/// its last tasks on this silo, an alert is raised once when the p99 task duration or the error rate crosses its threshold and
/// cleared when it is back at or under it.
/// </summary>
public sealed class RoutingAlertOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Routing:Alerts";

    /// <summary>Gets or sets whether finished tasks are judged at all. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how far back the window reaches. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the most tasks per agent type the window keeps (the newest). Default 200.</summary>
    [Range(1, 100_000)]
    public int MaxTasks { get; set; } = 200;

    /// <summary>Gets or sets how many tasks the window must hold before either figure is judged. Default 20.</summary>
    [Range(1, 100_000)]
    public int MinSamples { get; set; } = 20;

    /// <summary>Gets or sets the p99 task duration over which an agent type raises a latency alert. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan P99Threshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the share of failed tasks over which an agent type raises an error-rate alert. Default 0.05 (5 %).</summary>
    [Range(0.0, 1.0)]
    public double ErrorRateThreshold { get; set; } = 0.05;
}
