using TDeveloper.Grains.Interfaces.Sessions.Reports;

namespace TDeveloper.Grains.Agents;

// Monitoring (issue 12 item 6): what the agent's memory tiers hold, for its session's heartbeat sample and report.
public sealed partial class AgentGrain
{
    /// <summary>The estimated bytes of one memory item beyond its text: the item record, its LRU and index entries, its keyword set.</summary>
    private const long BytesPerItem = 320;

    /// <inheritdoc/>
    public Task<AgentMemoryUsage> GetMemoryUsageAsync() => Task.FromResult(new AgentMemoryUsage
    {
        Items = _memory.Count,
        // The text as UTF-16, and about as much again for its keywords (the relevance index keeps each item's words).
        Bytes = (_memory.Chars * sizeof(char) * 2) + (_memory.Count * BytesPerItem),
    });
}
