using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Options;

/// <summary>
/// Gets or sets the crash-recovery queue (section <c>TDeveloper:Sessions:Recovery</c>): a session that comes back live
/// after a crash is queued, and the queue calls its <c>RecoverAsync</c> with backoff; see
/// <see cref="Sessions.Recovery.RecoveryQueue"/>.
/// </summary>
public sealed class SessionRecoveryOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Sessions:Recovery";

    /// <summary>Gets or sets how many queue grains share the sessions to recover (by a stable hash of the session key). Default 8.</summary>
    [Range(1, 1024)]
    public int Shards { get; set; } = 8;

    /// <summary>Gets or sets how often a queue with entries is scanned for due ones (grain timer). Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the period of the reminder a queue with entries keeps, the backstop that brings a queue lost with its silo
    /// back. Default 1 min (Orleans refuses reminder periods below its <c>MinimumReminderPeriod</c>, 1 min by default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many times recovery is tried before the session is marked failed. Default 3.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Gets or sets the wait after the first failed attempt; it doubles after each further failure (2^(n−1) × this after the
    /// n-th failure: 1, 2, 4 min…). The first attempt runs at the first scan. Default 1 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long one call of a session's <c>RecoverAsync</c> may take before the attempt counts as failed. Default 2 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
