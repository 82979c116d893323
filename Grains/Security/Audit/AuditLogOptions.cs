using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Security.Audit;

/// <summary>Options of the tenants' audit logs.</summary>
/// <remarks>Bound from <see cref="Section"/> and validated at start.</remarks>
public sealed class AuditLogOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Security:Audit";

    /// <summary>Gets or sets how long events are kept: a page whose newest entry is older is deleted whole.</summary>
    /// <remarks>Defaults to 365 days.</remarks>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Gets or sets how many entries a page holds; retention deletes whole pages.</summary>
    /// <remarks>Defaults to 100.</remarks>
    [Range(2, 1000)]
    public int EventsPerPage { get; set; } = 100;

    /// <summary>Gets or sets how long a write waits for more events before it starts, so that a burst is written once.</summary>
    /// <remarks>Defaults to 10 ms.</remarks>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan WriteDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Gets or sets the most stored pages one read scans; a read that stops early says where to go on.</summary>
    /// <remarks>Defaults to 20.</remarks>
    [Range(1, 1000)]
    public int MaxPagesPerRead { get; set; } = 20;
}
