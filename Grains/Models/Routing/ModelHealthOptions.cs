using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Models.Routing;

/// <summary>How a silo measures its models and when it stops calling one (section <c>TDeveloper:Models:Health</c>).</summary>
public sealed class ModelHealthOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Models:Health";

    /// <summary>Gets or sets the share of retryable failures within <see cref="SamplingDuration"/> that opens a model's circuit. Defaults to 0.5.</summary>
    [Range(0.01, 1.0)] public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the calls within <see cref="SamplingDuration"/> needed before the circuit may open. Defaults to 4.</summary>
    [Range(2, int.MaxValue)] public int MinimumThroughput { get; set; } = 4;

    /// <summary>Gets or sets the period over which failures are counted. Defaults to 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00")] public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long an open circuit skips its model before a trial call (a probe or the next request). Defaults to 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00")] public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often the silo looks for open circuits due for a trial and probes them with a tiny request. Defaults to 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")] public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the weight of the newest call in the smoothed latency (exponentially weighted). Defaults to 0.2.</summary>
    [Range(0.01, 1.0)] public double LatencySmoothing { get; set; } = 0.2;

    /// <summary>Gets or sets the number of recent calls the error rate is measured over. Defaults to 20.</summary>
    [Range(1, 10_000)] public int ErrorWindow { get; set; } = 20;
}
