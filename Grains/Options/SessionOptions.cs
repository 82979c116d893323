using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Options;

/// <summary>Gets or sets how sessions live: heartbeat, checkpoints and lifetime (section <c>TDeveloper:Sessions</c>).</summary>
public sealed class SessionOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Sessions";

    /// <summary>Gets or sets how often a live session's heartbeat timer ticks. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often the checkpoint reminder persists a live session. Default 5 min.</summary>
    /// <remarks>Orleans refuses reminder periods below its <c>ReminderOptions.MinimumReminderPeriod</c> (1 min by default).</remarks>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the longest a session lives before it is ended as expired. Default 8 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Gets or sets how many requests of one session may run at the same time. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxRunningRequests { get; set; } = 10;

    /// <summary>Gets or sets how many of a session's newest events its log keeps for replay. Default 256.</summary>
    /// <remarks>The log is one grain state rewritten on every append, so its size is what each event costs to persist.</remarks>
    [Range(10, 10_000)]
    public int EventsKept { get; set; } = 256;
}
