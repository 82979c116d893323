using System.Collections.Immutable;
using System.Text;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Agents.Memory;

/// <summary>
/// An agent's memory tiers and the context manager over them: a plain engine, time passed in, no Orleans.
/// </summary>
/// <remarks>
/// <para><b>Tiers.</b> Every item starts in <see cref="MemoryTier.Working"/> memory, an LRU list of at most
/// <see cref="MemoryOptions.WorkingCapacity"/> items: past it the least recently used item is dropped. A recall
/// (<see cref="Recall"/>, or being put into a context by <see cref="BuildContext"/>) counts an access and promotes
/// (so the least recently used working item is the oldest not yet recalled):
/// a working item moves to <see cref="MemoryTier.ShortTerm"/>, where it lives <see cref="MemoryOptions.ShortTermTtl"/>
/// (<see cref="MemoryOptions.CriticalShortTermTtl"/> when critical) after its last recall; a short-term item that reaches
/// <see cref="MemoryOptions.LongTermRecalls"/> recalls (one fewer when critical) moves to <see cref="MemoryTier.LongTerm"/>,
/// which is durable: no time to live and no garbage collection. Long-term memory is persisted with the agent, so it is
/// bounded (<see cref="MemoryOptions.LongTermMaxItems"/>, <see cref="MemoryOptions.LongTermMaxBytes"/>): a promotion past
/// either bound demotes the least relevant other long-term item back to short-term.</para>
/// <para><b>Context manager.</b> It holds every item of every tier, at most <see cref="MemoryOptions.ContextCapacity"/>:
/// remembering into a full manager first drops the <see cref="MemoryOptions.ContextDropFraction"/> of items with the lowest
/// task-free relevance (<see cref="MemoryRelevance"/>). <see cref="BuildContext"/> ranks items by relevance to the task and
/// takes them best first while they fit the token budget, skipping any that does not.</para>
/// <para><b>Garbage collection.</b> When the text of all tiers reaches <see cref="MemoryOptions.GcTriggerFraction"/> of
/// <see cref="MemoryOptions.BudgetChars"/>, every working or short-term item is collected that is at least
/// <see cref="MemoryOptions.GcMinAge"/> old, recalled less than <see cref="MemoryOptions.GcMaxAccessRatePerMinute"/> times
/// per minute of its age, and below <see cref="MemoryOptions.GcMaxRelevance"/> task-free relevance (so a critical item,
/// weighing 1, never is). If the text is still over the whole budget, the least relevant working and short-term items go
/// until it fits.</para>
/// </remarks>
public sealed class AgentMemory
{
    /// <summary>The first line of a built context.</summary>
    public const string ContextHeader = "# What you remember from earlier tasks (most relevant first)\n";

    private static readonly IReadOnlySet<string> NoTask = System.Collections.Frozen.FrozenSet<string>.Empty;
    private readonly MemoryOptions _options;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _working = new(); // most recently used first
    private readonly HashSet<Entry> _longTerm = [];
    private long _sequence;

    /// <summary>Creates the memory, holding the long-term items <paramref name="longTerm"/> persisted earlier.</summary>
    public AgentMemory(MemoryOptions options, IEnumerable<MemoryItem>? longTerm = null)
    {
        _options = options;
        foreach (var item in longTerm ?? [])
        {
            if (_entries.ContainsKey(item.Id)) continue;
            var entry = new Entry(item with { Tier = MemoryTier.LongTerm, ExpiresAt = null });
            Add(entry);
        }

        var now = _longTerm.Count == 0 ? DateTimeOffset.MinValue : _longTerm.Max(e => e.Item.LastAccessedAt);
        while (_longTerm.Count > 0 && OverLongTermBounds()) Remove(Lowest(_longTerm, now)); // the options may have shrunk
    }

    /// <summary>
    /// Creates the memory holding <paramref name="items"/> in the tiers they name, with their importance and access
    /// statistics, as <see cref="Items"/> gave them (a checkpoint). Long-term bounds and the working capacity apply as at
    /// activation; short-term items already expired at <paramref name="now"/> are dropped.
    /// </summary>
    public static AgentMemory Restore(MemoryOptions options, IEnumerable<MemoryItem> items, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(items);
        var all = items.ToList();
        var memory = new AgentMemory(options, all.Where(i => i.Tier == MemoryTier.LongTerm));
        foreach (var item in all.Where(i => i.Tier != MemoryTier.LongTerm).OrderBy(i => i.LastAccessedAt).ThenBy(i => i.Id, StringComparer.Ordinal))
        {
            if (memory._entries.ContainsKey(item.Id)) continue;
            memory.Add(new Entry(item.Tier == MemoryTier.Working ? item with { ExpiresAt = null } : item)); // the most recently used ends up first
        }

        while (memory._working.Count > options.WorkingCapacity) memory.Remove(memory._working.Last!.Value);
        memory.Expire(now);
        return memory;
    }

    /// <summary>Gets the number of items in all tiers: the entries of the context manager.</summary>
    public int Count => _entries.Count;

    /// <summary>Gets the characters of text in all tiers, which the memory budget counts.</summary>
    public long Chars { get; private set; }

    /// <summary>Gets the items, in no particular order.</summary>
    public IEnumerable<MemoryItem> Items => _entries.Values.Select(e => e.Item);

    /// <summary>Gets the long-term items, oldest first: what is persisted with the agent.</summary>
    public ImmutableArray<MemoryItem> LongTerm => [.. _longTerm.Select(e => e.Item).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)];

    /// <summary>Gets the number of items in <paramref name="tier"/>.</summary>
    public int CountIn(MemoryTier tier) => tier switch
    {
        MemoryTier.Working => _working.Count,
        MemoryTier.LongTerm => _longTerm.Count,
        _ => _entries.Count - _working.Count - _longTerm.Count,
    };

    /// <summary>Gets the item <paramref name="id"/> as it is, without recalling it; null when it is not (or no longer) held.</summary>
    public MemoryItem? Find(string id) => _entries.GetValueOrDefault(id)?.Item;

    /// <summary>
    /// Remembers <paramref name="text"/> (cut to <see cref="MemoryOptions.MaxItemChars"/>) in working memory, after dropping
    /// expired items, and the least relevant quarter when the context manager is full; then collects garbage if due.
    /// </summary>
    public MemoryItem Remember(string kind, string text, MemoryImportance importance, DateTimeOffset now)
    {
        Expire(now);
        if (_entries.Count >= _options.ContextCapacity) DropLeastRelevant(now);
        string id;
        do id = $"{now.UtcTicks:x}-{++_sequence}";
        while (_entries.ContainsKey(id));
        var entry = new Entry(new MemoryItem
        {
            Id = id, Kind = kind, Text = TextExcerpt.Shorten(text, _options.MaxItemChars), Importance = importance,
            Tier = MemoryTier.Working, CreatedAt = now, LastAccessedAt = now,
        });
        Add(entry);
        while (_working.Count > _options.WorkingCapacity) Remove(_working.Last!.Value);
        Collect(now);
        return entry.Item;
    }

    /// <summary>Recalls the item <paramref name="id"/>: counts the access and promotes it (see the remarks); null when it is not held.</summary>
    public MemoryItem? Recall(string id, DateTimeOffset now)
    {
        Expire(now);
        if (!_entries.TryGetValue(id, out var entry)) return null;
        Promote(entry, now);
        return entry.Item;
    }

    /// <summary>
    /// Finds the items sharing keywords with <paramref name="query"/>, most relevant first, at most <paramref name="max"/>.
    /// Searching does not recall: only what is used is promoted.
    /// </summary>
    public ImmutableArray<MemoryItem> Search(string query, int max, DateTimeOffset now)
    {
        Expire(now);
        var keywords = MemoryRelevance.Keywords(query);
        return [.. _entries.Values
            .Where(e => MemoryRelevance.Overlap(keywords, e.Keywords) > 0)
            .Select(e => (Entry: e, Score: Score(e, keywords, now)))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Entry.Item.CreatedAt).ThenBy(s => s.Entry.Item.Id, StringComparer.Ordinal)
            .Take(max)
            .Select(s => s.Entry.Item)];
    }

    /// <summary>
    /// Builds the context of a model call for <paramref name="task"/>: the <see cref="ContextHeader"/>, then one line per item,
    /// most relevant first, while the text stays within <paramref name="tokenBudget"/> tokens of
    /// <paramref name="charsPerToken"/> characters; an item that does not fit is skipped for the next. The items taken are
    /// recalled. Nothing fits, or nothing is held: <see cref="MemoryContext.Empty"/>.
    /// </summary>
    public MemoryContext BuildContext(string task, int tokenBudget, int charsPerToken, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(charsPerToken, 1);
        Expire(now);
        var maxChars = (long)Math.Max(0, tokenBudget) * charsPerToken;
        if (_entries.Count == 0 || maxChars <= ContextHeader.Length) return MemoryContext.Empty;

        var keywords = MemoryRelevance.Keywords(task);
        var ranked = _entries.Values
            .Select(e => (Entry: e, Score: Score(e, keywords, now)))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Entry.Item.CreatedAt).ThenBy(s => s.Entry.Item.Id, StringComparer.Ordinal);
        var text = new StringBuilder(ContextHeader);
        var taken = new List<Entry>();
        foreach (var (entry, _) in ranked)
        {
            var line = LineOf(entry.Item);
            if (text.Length + line.Length > maxChars) continue;
            text.Append(line);
            taken.Add(entry);
        }

        if (taken.Count == 0) return MemoryContext.Empty;
        var items = taken.Select(e => e.Item).ToImmutableArray();
        foreach (var entry in taken) Promote(entry, now);
        return new MemoryContext(text.ToString(), items, (int)((text.Length + charsPerToken - 1) / charsPerToken));
    }

    /// <summary>Drops the short-term items whose time to live has passed at <paramref name="now"/>; returns how many.</summary>
    public int Expire(DateTimeOffset now)
    {
        var expired = _entries.Values.Where(e => e.Item.Tier == MemoryTier.ShortTerm && e.Item.ExpiresAt <= now).ToList();
        foreach (var entry in expired) Remove(entry);
        return expired.Count;
    }

    /// <summary>Gets whether the text of all tiers has reached the garbage collection trigger.</summary>
    public bool CollectionDue => Chars >= _options.GcTriggerFraction * _options.BudgetChars;

    /// <summary>Collects garbage when <see cref="CollectionDue"/>, by the rules in the remarks; returns how many items went.</summary>
    public int Collect(DateTimeOffset now)
    {
        if (!CollectionDue) return 0;
        var collectable = _entries.Values.Where(e => e.Item.Tier != MemoryTier.LongTerm && IsGarbage(e, now)).ToList();
        foreach (var entry in collectable) Remove(entry);
        var removed = collectable.Count;
        while (Chars > _options.BudgetChars && _entries.Values.Where(e => e.Item.Tier != MemoryTier.LongTerm).ToList() is { Count: > 0 } transient)
        {
            Remove(Lowest(transient, now));
            removed++;
        }

        return removed;
    }

    private bool IsGarbage(Entry entry, DateTimeOffset now)
    {
        var age = now - entry.Item.CreatedAt;
        if (age < _options.GcMinAge) return false;
        var ratePerMinute = entry.Item.AccessCount / Math.Max(1.0, age.TotalMinutes);
        return ratePerMinute < _options.GcMaxAccessRatePerMinute && Score(entry, NoTask, now) < _options.GcMaxRelevance;
    }

    private void Promote(Entry entry, DateTimeOffset now)
    {
        var item = entry.Item with { AccessCount = entry.Item.AccessCount + 1, LastAccessedAt = now };
        if (item.Tier == MemoryTier.Working)
        {
            _working.Remove(entry.Node!);
            entry.Node = null;
            entry.Item = item with { Tier = MemoryTier.ShortTerm, ExpiresAt = now + TtlOf(item.Importance) };
        }
        else if (item.Tier == MemoryTier.ShortTerm && _options.LongTermMaxItems > 0 && item.AccessCount >= RecallsToLongTerm(item.Importance))
        {
            entry.Item = item with { Tier = MemoryTier.LongTerm, ExpiresAt = null };
            _longTerm.Add(entry);
            while (OverLongTermBounds()) Demote(Lowest(_longTerm.Where(e => e != entry), now), now);
        }
        else
        {
            entry.Item = item.Tier == MemoryTier.ShortTerm ? item with { ExpiresAt = now + TtlOf(item.Importance) } : item;
        }
    }

    private void Demote(Entry entry, DateTimeOffset now)
    {
        _longTerm.Remove(entry);
        entry.Item = entry.Item with { Tier = MemoryTier.ShortTerm, ExpiresAt = now + TtlOf(entry.Item.Importance) };
    }

    private void DropLeastRelevant(DateTimeOffset now)
    {
        var drop = (int)Math.Ceiling(_entries.Count * _options.ContextDropFraction);
        foreach (var entry in _entries.Values.OrderBy(e => Score(e, NoTask, now)).ThenBy(e => e.Item.CreatedAt).Take(drop).ToList()) Remove(entry);
    }

    private bool OverLongTermBounds() =>
        _longTerm.Count > _options.LongTermMaxItems || _longTerm.Sum(e => (long)Encoding.UTF8.GetByteCount(e.Item.Text)) > _options.LongTermMaxBytes;

    private Entry Lowest(IEnumerable<Entry> entries, DateTimeOffset now) =>
        entries.OrderBy(e => Score(e, NoTask, now)).ThenBy(e => e.Item.CreatedAt).First();

    private double Score(Entry entry, IReadOnlySet<string> keywords, DateTimeOffset now) =>
        MemoryRelevance.Score(entry.Item, entry.Keywords, keywords, now, _options.RecencyHalfLife);

    private TimeSpan TtlOf(MemoryImportance importance) => importance == MemoryImportance.Critical ? _options.CriticalShortTermTtl : _options.ShortTermTtl;

    private int RecallsToLongTerm(MemoryImportance importance) => importance == MemoryImportance.Critical ? _options.LongTermRecalls - 1 : _options.LongTermRecalls;

    private void Add(Entry entry)
    {
        _entries.Add(entry.Item.Id, entry);
        Chars += entry.Item.Text.Length;
        if (entry.Item.Tier == MemoryTier.Working) entry.Node = _working.AddFirst(entry);
        else if (entry.Item.Tier == MemoryTier.LongTerm) _longTerm.Add(entry);
    }

    private void Remove(Entry entry)
    {
        if (!_entries.Remove(entry.Item.Id)) return;
        Chars -= entry.Item.Text.Length;
        if (entry.Node is not null) _working.Remove(entry.Node);
        entry.Node = null;
        _longTerm.Remove(entry);
    }

    private static string LineOf(MemoryItem item) => $"- {item.Kind}: {item.Text}\n";

    private sealed class Entry(MemoryItem item)
    {
        public MemoryItem Item { get; set; } = item;

        public HashSet<string> Keywords { get; } = MemoryRelevance.Keywords(item.Text);

        public LinkedListNode<Entry>? Node { get; set; }
    }
}
