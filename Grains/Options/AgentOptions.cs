using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Options;

/// <summary>Gets or sets how much an agent keeps, so its state stays small (section <c>TDeveloper:Agents</c>).</summary>
public sealed class AgentOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Agents";

    /// <summary>Gets or sets how many turns of conversation an agent keeps. Default 8.</summary>
    [Range(0, 200)]
    public int ConversationTurnsKept { get; set; } = 8;

    /// <summary>Gets or sets the longest text kept per conversation turn, in characters. Default 1,000.</summary>
    [Range(100, 100_000)]
    public int MaxTurnChars { get; set; } = 1_000;

    /// <summary>Gets or sets the longest step output kept, in characters. Default 8,000.</summary>
    [Range(100, 1_000_000)]
    public int MaxOutputChars { get; set; } = 8_000;

    /// <summary>Gets or sets how many finished tasks an agent remembers to answer a repeated idempotency key. Default 16.</summary>
    [Range(1, 1000)]
    public int ResultsKept { get; set; } = 16;
}
