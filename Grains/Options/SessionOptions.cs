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

    /// <summary>
    /// Gets or sets how long a live session may go without activity (created, a request submitted or finished, paused or
    /// resumed) while none of its requests runs, before it is ended as idle. Default 1 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how many sessions that have not ended one tenant may have at once; past it, creating one is refused (HTTP 429). Default 1,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxConcurrentPerTenant { get; set; } = 1_000;

    /// <summary>Gets or sets how many sessions that have not ended the whole cluster may have at once, over all tenants; past it, creating one is refused (HTTP 429). Default 1,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxConcurrentPerCluster { get; set; } = 1_000;

    /// <summary>Gets or sets how many requests of one session may run at the same time. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxRunningRequests { get; set; } = 10;

    /// <summary>Gets or sets how many events a page of a session's event log holds: an append rewrites at most one page. Default 32.</summary>
    [Range(8, 1_000)]
    public int EventsPerPage { get; set; } = 32;

    /// <summary>
    /// Gets or sets how long a session's event log gathers appends before it writes them as one: fewer writes for
    /// busy sessions, at the cost of that much latency for live watchers. Default 25 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan EventWriteDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Gets or sets how long a session's event log, and its entry in the tenant's session index, are kept after the session ends. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(7);
}
