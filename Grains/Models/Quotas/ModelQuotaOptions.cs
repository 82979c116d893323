using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Models.Quotas;

/// <summary>How a model's quota slows work down before it runs out (section <c>TDeveloper:Models:Quotas</c>).</summary>
public sealed class ModelQuotaOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Models:Quotas";

    /// <summary>Gets or sets the share of a quota above which calls are slowed. Defaults to 0.8.</summary>
    [Range(0.0, 1.0)] public double SlowdownThreshold { get; set; } = 0.8;

    /// <summary>Gets or sets the delay of a call that fills a quota to 100 %; calls between the threshold and 100 % wait proportionally less. Defaults to 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan MaxSlowdown { get; set; } = TimeSpan.FromSeconds(2);
}
