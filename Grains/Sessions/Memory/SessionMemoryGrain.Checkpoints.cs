using System.Collections.Immutable;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Checkpoints;

namespace TDeveloper.Grains.Sessions.Memory;

/// <summary>The session memory's part in checkpoints: export and restore of every tier (vectors are recomputed, never stored).</summary>
public sealed partial class SessionMemoryGrain : ISessionMemoryCheckpoints
{
    /// <inheritdoc/>
    public Task<ImmutableArray<MemoryItem>> ExportAsync() =>
        Task.FromResult<ImmutableArray<MemoryItem>>([.. _memory.Items.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)]);

    /// <inheritdoc/>
    public Task RestoreAsync(ImmutableArray<MemoryItem> items, bool replace)
    {
        var restored = replace ? items.AsEnumerable() : AgentMemory.Merge(_memory.Items, items);
        _memory = new AgentMemory(_options.Tiers, [.. restored], ContextHeader, keepTiers: true);
        EmbedLater(_memory.WithoutVectors(_time.GetUtcNow()));
        Changed();
        return Task.CompletedTask;
    }
}
