using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Options;

/// <summary>
/// Gets or sets how an agent runs and saves (section <c>TDeveloper:Agents</c>); its memory has its own section,
/// <see cref="MemoryOptions"/>.
/// </summary>
public sealed class AgentOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Agents";

    /// <summary>Gets or sets the longest step output kept, in characters. Default 8,000.</summary>
    [Range(100, 1_000_000)]
    public int MaxOutputChars { get; set; } = 8_000;

    /// <summary>Gets or sets how many finished tasks an agent remembers (in memory) to answer a repeated idempotency key without running it again. Default 16.</summary>
    [Range(1, 1000)]
    public int ResultsKept { get; set; } = 16;

    /// <summary>
    /// Gets or sets how long after a change the agent saves its long-term memory and statistics (and on deactivation).
    /// A crash loses at most this much memory; step results are durable in their workflow regardless. Default 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets whether a running step's model output reaches watchers live, as <c>StepOutputDelta</c> events. Default true.</summary>
    public bool StreamOutput { get; set; } = true;

    /// <summary>Gets or sets the shortest time between two live output events of one step (deltas in between are coalesced). Default 0.2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan OutputDeltaInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
