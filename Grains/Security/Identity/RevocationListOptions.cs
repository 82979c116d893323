using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>Options of the cluster's revocation list (section <c>TDeveloper:Security:Revocation</c>).</summary>
public sealed class RevocationListOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "TDeveloper:Security:Revocation";

    /// <summary>Gets or sets how long an entry is kept; at least a day, so it outlives every access token. Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
