using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Models;

/// <summary>Gets or sets how the offline model behaves (section <c>TDeveloper:Models:Offline</c>).</summary>
public sealed class OfflineModelOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Models:Offline";

    /// <summary>Gets or sets how long each answer takes, so progress is visible as it would be with a real model. Default 0.5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(500);
}
