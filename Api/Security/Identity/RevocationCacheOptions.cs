using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Options of each API host's copy of the cluster's revocation list (section <c>TDeveloper:Security:Revocation</c>).</summary>
public sealed class RevocationCacheOptions
{
    /// <summary>The configuration section (shared with the list's own retention).</summary>
    public const string Section = "TDeveloper:Security:Revocation";

    /// <summary>Gets or sets how often the host fetches what was revoked elsewhere; the longest a revocation takes to reach it. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how old the copy may be before a token check waits for a fresh one (and fails if the cluster does not answer). Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(30);
}
