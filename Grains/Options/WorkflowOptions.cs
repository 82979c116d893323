using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Options;

/// <summary>Gets or sets how workflows run their steps (section <c>TDeveloper:Workflows</c>).</summary>
public sealed class WorkflowOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Workflows";

    /// <summary>Gets or sets how long one attempt of a step may run. Default 300 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Gets or sets how many attempts a step gets, the first included. Default 3.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets the delay before the second attempt; it doubles each attempt. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay between attempts. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the period of the reminder that resumes a running workflow after its silo is lost. Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many steps of one workflow may run at the same time. Default 50.</summary>
    [Range(1, 1000)]
    public int MaxParallelSteps { get; set; } = 50;

    /// <summary>Gets or sets how many shards the index of in-flight workflows (used to wake them after a silo is lost) has. Default 8.</summary>
    [Range(1, 1024)]
    public int IndexShards { get; set; } = 8;
}
