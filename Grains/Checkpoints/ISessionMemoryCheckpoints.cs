using System.Collections.Immutable;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>
/// A session memory's part in checkpoints (the same grain as <see cref="Interfaces.Memory.ISessionMemoryGrain"/>, keyed by the
/// session key): export every item of every tier, and restore them. A role interface in Grains, as <see cref="IAgentCheckpoints"/>.
/// </summary>
[TenantScoped("sessions/{0}/memory")]
public interface ISessionMemoryCheckpoints : IGrainWithStringKey
{
    /// <summary>Gets every item of the session's shared memory, oldest first, with importance, source and access statistics.</summary>
    [SystemOnly]
    Task<ImmutableArray<MemoryItem>> ExportAsync();

    /// <summary>
    /// Restores <paramref name="items"/>: with <paramref name="replace"/> the memory becomes exactly that (a branch); without, the
    /// items it lacks are added back and of an item both have the more recently used is kept (recovery). Saved behind, as any change.
    /// </summary>
    [SystemOnly]
    Task RestoreAsync(ImmutableArray<MemoryItem> items, bool replace);
}
