using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Queueing;

/// <summary>How a session queues requests beyond its <c>MaxRunningRequests</c> (section <c>TDeveloper:Sessions:Queue</c>).</summary>
public sealed class QueueOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Sessions:Queue";

    /// <summary>Gets or sets how many requests may wait in one session's queue; past it a submission is refused with 429 "queue full". Default 100.</summary>
    [Range(0, 100_000)]
    public int MaxDepth { get; set; } = 100;

    /// <summary>Gets or sets how long a request waits for its full aging boost (one level up, linear before). Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AgingPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long before its deadline a waiting request's priority doubles. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SlaWindow { get; set; } = TimeSpan.FromMinutes(5);
}
