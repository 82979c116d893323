using TDeveloper.Grains.Agents.Memory;

namespace TDeveloper.Grains.Sessions.Memory;

/// <summary>
/// The persisted memory a session's agents share: its items of every tier, the most relevant that fit
/// <see cref="SessionMemoryOptions.PersistMaxBytes"/> (<see cref="MemoryPersistence.Select"/>); each item's text is sealed at rest.
/// Vectors are not stored: they are recomputed at activation, in one batched call.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.SessionMemoryState")]
public sealed class SessionMemoryState
{
    /// <summary>Gets or sets the items, oldest first.</summary>
    [Id(0)] public List<MemoryItem> Items { get; set; } = [];
}
