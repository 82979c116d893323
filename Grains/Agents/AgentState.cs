using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Agents;

/// <summary>
/// The persisted state of an agent, its hot state: statistics and long-term memory, bounded by
/// <see cref="Options.MemoryOptions"/> so it stays under 10 KB, and saved behind the work (<see cref="Options.AgentOptions.SaveInterval"/>), since a step's effect is
/// recorded by its workflow, not here.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.AgentState")]
public sealed class AgentState
{
    /// <summary>
    /// Gets or sets the conversation turns kept before memory tiers, oldest first: read once at activation into working
    /// memory, then emptied. Nothing adds to it any more.
    /// </summary>
    [Id(0)] public List<ConversationTurn> Conversation { get; set; } = [];


    /// <summary>Gets or sets how many tasks completed.</summary>
    [Id(3)] public int TasksCompleted { get; set; }

    /// <summary>Gets or sets how many task attempts failed.</summary>
    [Id(4)] public int TasksFailed { get; set; }

    /// <summary>Gets or sets the model's total working time.</summary>
    [Id(5)] public TimeSpan TotalModelTime { get; set; }

    /// <summary>Gets or sets the tokens the model reported in all.</summary>
    [Id(6)] public long TotalTokens { get; set; }

    /// <summary>Gets or sets the agent's long-term memory, oldest first (<see cref="Memory.AgentMemory.LongTerm"/>); each item's text is sealed at rest.</summary>
    [Id(7)] public List<Memory.MemoryItem> LongTermMemory { get; set; } = [];
}

/// <summary>One turn of an agent's conversation.</summary>
[GenerateSerializer, Alias("TDeveloper.ConversationTurn")]
public sealed record ConversationTurn
{
    /// <summary>Gets the speaker: "user" or "assistant".</summary>
    [Id(0)] public string Role { get; init; } = "";

    /// <summary>Gets the text, shortened to the configured length.</summary>
    [Id(1)] public string Text { get; init; } = "";

    /// <summary>Gets when the turn was taken.</summary>
    [Id(2)] public DateTimeOffset At { get; init; }
}
