using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Hosting;

/// <summary>Gets or sets how long a silo may take to stop (section <c>TDeveloper:Silo:Shutdown</c>).</summary>
public sealed class SiloShutdownOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Silo:Shutdown";

    /// <summary>
    /// Gets or sets the host's shutdown timeout (<c>HostOptions.ShutdownTimeout</c>). Default 25 s, under the 30 s a container
    /// orchestrator usually waits after SIGTERM. When it passes, Orleans stops without its graceful steps (leaving the
    /// membership table, deactivating grains), and the other silos declare this one dead instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Gets or sets how long one membership table call may take once the silo is stopping. Default 5 s. A call that fails or
    /// takes longer marks the table unreachable: the silo then stops without its graceful leave (see <c>ShutdownMembershipTable</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MembershipTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
