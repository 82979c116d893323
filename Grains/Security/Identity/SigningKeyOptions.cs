using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>Options of the cluster's token signing keys (section <c>TDeveloper:Security:SigningKeys</c>).</summary>
public sealed class SigningKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "TDeveloper:Security:SigningKeys";

    /// <summary>Gets or sets how long a key signs before a new one replaces it. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Gets or sets how long a retired key stays published after the last token it signed expired (covers validators'
    /// clock skew). Default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetiredKeyGrace { get; set; } = TimeSpan.FromMinutes(5);
}
