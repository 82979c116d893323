using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>Gets or sets how sessions are checkpointed and how many checkpoints are kept (section <c>TDeveloper:Sessions:Checkpoints</c>).</summary>
/// <remarks>How often the scheduled checkpoint runs is <c>TDeveloper:Sessions:CheckpointInterval</c> (5 min by default).</remarks>
public sealed class CheckpointOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Sessions:Checkpoints";

    /// <summary>Gets or sets whether checkpoints are taken at all (scheduled, on change and manual). Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many of the newest checkpoints are always kept. Default 5.</summary>
    [Range(1, 100)]
    public int KeepLatest { get; set; } = 5;

    /// <summary>Gets or sets how many checkpoints a session keeps at most: the <see cref="KeepLatest"/> newest, then the newest of each hour, newest hours first. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxKept { get; set; } = 10;

    /// <summary>Gets or sets how long a checkpoint is kept at most; older ones are deleted with their bodies. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Gets or sets the shortest time between two change checkpoints (a request finished, the session paused): a burst of
    /// changes makes one checkpoint, taken when this much time has passed since the last. The session's end is checkpointed
    /// at once. Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ChangeDebounce { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a session waits for a background checkpoint to report back before it starts another. Default 2 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the directory of the local checkpoint store (the embedded default); relative paths are under the content root. Default <c>data/checkpoints</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = Path.Combine("data", "checkpoints");
}
