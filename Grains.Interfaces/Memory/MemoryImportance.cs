// In the contract so session memory can be searched from outside, but in the namespace of the memory engine it was
// written for (TDeveloper.Grains.Agents.Memory), so code naming it there is unchanged.
namespace TDeveloper.Grains.Agents.Memory;

/// <summary>How much a memory item matters: it weighs in its relevance and its short-term lifetime.</summary>
public enum MemoryImportance
{
    /// <summary>An ordinary item.</summary>
    Normal = 0,

    /// <summary>An item worth keeping longer (a failure, for instance): it scores higher.</summary>
    High = 1,

    /// <summary>An item that must not be forgotten soon: it scores highest, lives a day in short-term memory, reaches long-term memory one recall sooner and is never collected.</summary>
    Critical = 2,
}
