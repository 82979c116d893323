using System.Collections.Immutable;
using System.Text;
using TDeveloper.Grains.Agents.Memory;

namespace TDeveloper.Grains.Sessions.Memory;

/// <summary>Chooses which items of a memory that persists every tier (a session's) are stored, within a byte budget.</summary>
public static class MemoryPersistence
{
    /// <summary>
    /// Gets the items to store: long-term items first, then the others by task-free relevance (importance and recency, see
    /// <see cref="MemoryRelevance"/>), newest first on ties, each taken while the UTF-8 bytes of the texts stay within
    /// <paramref name="maxBytes"/> (an item that does not fit is skipped for the next); returned oldest first.
    /// </summary>
    public static ImmutableArray<MemoryItem> Select(IEnumerable<MemoryItem> items, int maxBytes, DateTimeOffset now, TimeSpan halfLife)
    {
        ArgumentNullException.ThrowIfNull(items);
        long used = 0;
        var kept = new List<MemoryItem>();
        var ranked = items
            .OrderByDescending(i => i.Tier == MemoryTier.LongTerm)
            .ThenByDescending(i => MemoryRelevance.WeightOf(i.Importance) + MemoryRelevance.Recency(i.LastAccessedAt, now, halfLife))
            .ThenByDescending(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal);
        foreach (var item in ranked)
        {
            var bytes = Encoding.UTF8.GetByteCount(item.Text) + Encoding.UTF8.GetByteCount(item.Source ?? "");
            if (used + bytes > maxBytes) continue;
            used += bytes;
            kept.Add(item);
        }

        return [.. kept.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }
}
