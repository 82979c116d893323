// In the contract so session memory can be searched from outside, but in the namespace of the memory engine it was
// written for (TDeveloper.Grains.Agents.Memory), so code naming it there is unchanged.
namespace TDeveloper.Grains.Agents.Memory;

/// <summary>Where a memory item lives; recall moves it up, from working to short-term to long-term.</summary>
public enum MemoryTier
{
    /// <summary>Fresh items, least recently used dropped first; held by the activation.</summary>
    Working = 0,

    /// <summary>Items recalled once, dropped when their time to live passes; held by the activation.</summary>
    ShortTerm = 1,

    /// <summary>Items recalled often: persisted, sealed, with the agent's state.</summary>
    LongTerm = 2,
}
