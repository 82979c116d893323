using System.Collections.Immutable;
using System.Text;
using TDeveloper.Grains.Interfaces.Memory;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Agents.Memory;

/// <summary>
/// An agent's memory tiers and the context manager over them: a plain engine, time passed in, no Orleans.
/// </summary>
/// <remarks>
/// <para><b>Tiers.</b> Every item starts in <see cref="MemoryTier.Working"/> memory, an LRU list of at most
/// <see cref="MemoryOptions.WorkingCapacity"/> items: past it the least recently used item is dropped. A recall
/// (<see cref="Recall"/>, or being put into a context by <see cref="BuildContext(string, int, int, DateTimeOffset)"/>) counts an access and promotes
/// (so the least recently used working item is the oldest not yet recalled):
/// a working item moves to <see cref="MemoryTier.ShortTerm"/>, where it lives <see cref="MemoryOptions.ShortTermTtl"/>
/// (<see cref="MemoryOptions.CriticalShortTermTtl"/> when critical) after its last recall; a short-term item that reaches
/// <see cref="MemoryOptions.LongTermRecalls"/> recalls (one fewer when critical) moves to <see cref="MemoryTier.LongTerm"/>,
/// which is durable: no time to live and no garbage collection. Long-term memory is persisted with the agent, so it is
/// bounded (<see cref="MemoryOptions.LongTermMaxItems"/>, <see cref="MemoryOptions.LongTermMaxBytes"/>): a promotion past
/// either bound demotes the least relevant other long-term item back to short-term.</para>
/// <para><b>Context manager.</b> It holds every item of every tier, at most <see cref="MemoryOptions.ContextCapacity"/>:
/// remembering into a full manager first drops the <see cref="MemoryOptions.ContextDropFraction"/> of items with the lowest
/// task-free relevance (<see cref="MemoryRelevance"/>). <see cref="BuildContext(string, int, int, DateTimeOffset)"/> ranks items by relevance to the task and
/// takes them best first while they fit the token budget, skipping any that does not.</para>
/// <para><b>Garbage collection.</b> When the text of all tiers reaches <see cref="MemoryOptions.GcTriggerFraction"/> of
/// <see cref="MemoryOptions.BudgetChars"/>, every working or short-term item is collected that is at least
/// <see cref="MemoryOptions.GcMinAge"/> old, recalled less than <see cref="MemoryOptions.GcMaxAccessRatePerMinute"/> times
/// per minute of its age, and below <see cref="MemoryOptions.GcMaxRelevance"/> task-free relevance (so a critical item,
/// weighing 1, never is). If the text is still over the whole budget, the least relevant working and short-term items go
/// until it fits.</para>
/// <para><b>Vectors.</b> An item may be given an embedding (<see cref="Attach"/>) after it is remembered; a search or context
/// with a task embedding then ranks it by keywords and similarity together (<see cref="MemoryRelevance.Match"/>, weighed by
/// <see cref="MemoryOptions.VectorWeight"/> above <see cref="MemoryOptions.SimilarityFloor"/>), and an item without shared
/// keywords is found when it is similar enough. Vectors live in the activation only, at most
/// <see cref="MemoryOptions.VectorBudgetBytes"/> of them: past it the least relevant items lose theirs (and rank by keywords).</para>
/// <para>The same engine serves an agent's memory and a session's (<c>SessionMemoryGrain</c>), with their own options and header.</para>
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
    private readonly string _header;
    private long _sequence;

    /// <summary>Creates the memory, holding the long-term items <paramref name="longTerm"/> persisted earlier.</summary>
    public AgentMemory(MemoryOptions options, IEnumerable<MemoryItem>? longTerm = null)
        : this(options, longTerm, ContextHeader, keepTiers: false)
    {
    }

    /// <summary>
    /// Creates the memory with the items <paramref name="items"/> persisted earlier: in their own tiers when
    /// <paramref name="keepTiers"/> (a session's memory, which persists every tier), else all long-term (an agent's, which
    /// persists only that tier). Built contexts start with <paramref name="header"/>.
    /// </summary>
    public AgentMemory(MemoryOptions options, IEnumerable<MemoryItem>? items, string header, bool keepTiers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(header);
        _options = options;
        _header = header;
        foreach (var item in (items ?? []).OrderBy(i => i.LastAccessedAt)) // the working LRU list gets the most recent first
        {
            if (_entries.ContainsKey(item.Id)) continue;
            var entry = new Entry(keepTiers ? item : item with { Tier = MemoryTier.LongTerm, ExpiresAt = null });
            Add(entry);
        }

        while (_working.Count > _options.WorkingCapacity) Remove(_working.Last!.Value);

        var now = _longTerm.Count == 0 ? DateTimeOffset.MinValue : _longTerm.Max(e => e.Item.LastAccessedAt);
        while (_longTerm.Count > 0 && OverLongTermBounds()) Remove(Lowest(_longTerm, now)); // the options may have shrunk
    }

    /// <summary>
    /// Merges what a memory holds with what a checkpoint has (a recovery): every item of either, and of an item both have the
    /// more recently used version (then the more often used).
    /// </summary>
    public static IEnumerable<MemoryItem> Merge(IEnumerable<MemoryItem> held, IEnumerable<MemoryItem> restored) =>
        held.Concat(restored)
            .GroupBy(i => i.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(i => i.LastAccessedAt).ThenByDescending(i => i.AccessCount).First());

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

    /// <summary>Gets the first line of the contexts this memory builds.</summary>
    public string Header => _header;

    /// <summary>Gets the <paramref name="count"/> most recently remembered or used working items, most recent first: what was just remembered.</summary>
    public ImmutableArray<MemoryItem> MostRecentWorking(int count) => [.. _working.Take(Math.Max(0, count)).Select(e => e.Item)];

    /// <summary>Gets the bytes the items' vectors take, at most <see cref="MemoryOptions.VectorBudgetBytes"/>.</summary>
    public long VectorBytes { get; private set; }

    /// <summary>Gets how many items have a vector.</summary>
    public int VectorCount { get; private set; }

    /// <summary>Gets the items that have no vector yet, most relevant first (task-free): what to embed.</summary>
    public ImmutableArray<MemoryItem> WithoutVectors(DateTimeOffset now) =>
        [.. _entries.Values.Where(e => e.Vector is null).OrderByDescending(e => Score(e, NoTask, null, now)).Select(e => e.Item)];

    /// <summary>Gets the vector of item <paramref name="id"/>; null when it has none or is not held.</summary>
    public MemoryVector? VectorOf(string id) => _entries.GetValueOrDefault(id)?.Vector;

    /// <summary>
    /// Gives item <paramref name="id"/> its embedding, when it is still held and has none; if the vectors then exceed
    /// <see cref="MemoryOptions.VectorBudgetBytes"/>, the least relevant items (task-free) lose theirs, this one last.
    /// Returns whether the item keeps the vector.
    /// </summary>
    public bool Attach(string id, MemoryVector vector, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (!_entries.TryGetValue(id, out var entry) || entry.Vector is not null) return false;
        if (MemoryVectors.BytesOf(vector) > _options.VectorBudgetBytes) return false;
        SetVector(entry, vector);
        if (VectorBytes > _options.VectorBudgetBytes)
        {
            var losers = _entries.Values.Where(e => e.Vector is not null && e != entry)
                .OrderBy(e => Score(e, NoTask, null, now)).ThenBy(e => e.Item.CreatedAt).ToList();
            foreach (var loser in losers)
            {
                if (VectorBytes <= _options.VectorBudgetBytes) break;
                SetVector(loser, null);
            }
        }

        return true;
    }

    /// <summary>
    /// Remembers <paramref name="text"/> (cut to <see cref="MemoryOptions.MaxItemChars"/>) in working memory, after dropping
    /// expired items, and the least relevant quarter when the context manager is full; then collects garbage if due.
    /// </summary>
    public MemoryItem Remember(string kind, string text, MemoryImportance importance, DateTimeOffset now) => Remember(kind, text, importance, now, source: null);

    /// <summary>Remembers <paramref name="text"/> as <see cref="Remember(string, string, MemoryImportance, DateTimeOffset)"/> does, noting the agent <paramref name="source"/> that shared it.</summary>
    public MemoryItem Remember(string kind, string text, MemoryImportance importance, DateTimeOffset now, string? source)
    {
        Expire(now);
        if (_entries.Count >= _options.ContextCapacity) DropLeastRelevant(now);
        string id;
        do id = $"{now.UtcTicks:x}-{++_sequence}";
        while (_entries.ContainsKey(id));
        var entry = new Entry(new MemoryItem
        {
            Id = id, Kind = kind, Text = TextExcerpt.Shorten(text, _options.MaxItemChars), Importance = importance,
            Tier = MemoryTier.Working, CreatedAt = now, LastAccessedAt = now, Source = source,
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
    public ImmutableArray<MemoryItem> Search(string query, int max, DateTimeOffset now) => [.. Rank(query, null, max, now).Select(m => m.Item)];

    /// <summary>
    /// Finds the items that match <paramref name="query"/>: sharing a keyword with it or, when <paramref name="queryVector"/> is
    /// given, with a vector similar above <see cref="MemoryOptions.SimilarityFloor"/>; most relevant first, at most
    /// <paramref name="max"/>, with their scores. A query without keywords or vector matches nothing, or every item (ranked
    /// task-free) when <paramref name="listWhenEmpty"/>. Ranking does not recall.
    /// </summary>
    public ImmutableArray<Ranked> Rank(string query, MemoryVector? queryVector, int max, DateTimeOffset now, bool listWhenEmpty = false)
    {
        Expire(now);
        var keywords = MemoryRelevance.Keywords(query);
        var everything = listWhenEmpty && keywords.Count == 0 && queryVector is null;
        return [.. _entries.Values
            .Select(e => RankOf(e, keywords, queryVector, now))
            .Where(r => everything || r.Overlap > 0 || (r.Cosine is { } cosine && MemoryRelevance.Similarity(cosine, _options.SimilarityFloor) > 0))
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.Item.CreatedAt).ThenBy(r => r.Item.Id, StringComparer.Ordinal)
            .Take(Math.Max(0, max))];
    }

    /// <summary>
    /// Builds the context of a model call for <paramref name="task"/>: the <see cref="ContextHeader"/>, then one line per item,
    /// most relevant first, while the text stays within <paramref name="tokenBudget"/> tokens of
    /// <paramref name="charsPerToken"/> characters; an item that does not fit is skipped for the next. The items taken are
    /// recalled. Nothing fits, or nothing is held: <see cref="MemoryContext.Empty"/>.
    /// </summary>
    public MemoryContext BuildContext(string task, int tokenBudget, int charsPerToken, DateTimeOffset now) =>
        BuildContext(task, null, tokenBudget, charsPerToken, now);

    /// <summary>
    /// Builds a context as <see cref="BuildContext(string, int, int, DateTimeOffset)"/> does, ranking also by similarity to
    /// <paramref name="taskVector"/> when given, and leaving out the items shared by <paramref name="excludeSource"/>.
    /// </summary>
    public MemoryContext BuildContext(string task, MemoryVector? taskVector, int tokenBudget, int charsPerToken, DateTimeOffset now, string? excludeSource = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(charsPerToken, 1);
        Expire(now);
        var maxChars = (long)Math.Max(0, tokenBudget) * charsPerToken;
        if (_entries.Count == 0 || maxChars <= _header.Length) return MemoryContext.Empty;

        var keywords = MemoryRelevance.Keywords(task);
        var ranked = _entries.Values
            .Where(e => excludeSource is null || !string.Equals(e.Item.Source, excludeSource, StringComparison.Ordinal))
            .Select(e => (Entry: e, Score: Score(e, keywords, taskVector, now)))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Entry.Item.CreatedAt).ThenBy(s => s.Entry.Item.Id, StringComparer.Ordinal);
        var text = new StringBuilder(_header);
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

    private double Score(Entry entry, IReadOnlySet<string> keywords, DateTimeOffset now) => Score(entry, keywords, null, now);

    private double Score(Entry entry, IReadOnlySet<string> keywords, MemoryVector? taskVector, DateTimeOffset now) => RankOf(entry, keywords, taskVector, now).Score;

    private Ranked RankOf(Entry entry, IReadOnlySet<string> keywords, MemoryVector? taskVector, DateTimeOffset now)
    {
        var overlap = MemoryRelevance.Overlap(keywords, entry.Keywords);
        double? cosine = taskVector is not null && entry.Vector is not null ? MemoryVectors.Cosine(taskVector, entry.Vector) : null;
        var similarity = cosine is { } c ? MemoryRelevance.Similarity(c, _options.SimilarityFloor) : (double?)null;
        var score = MemoryRelevance.Score(entry.Item, overlap, similarity, now, _options.RecencyHalfLife, _options.VectorWeight);
        return new Ranked(entry.Item, score, overlap, cosine);
    }

    private void SetVector(Entry entry, MemoryVector? vector)
    {
        if (entry.Vector is { } old)
        {
            VectorBytes -= MemoryVectors.BytesOf(old);
            VectorCount--;
        }

        entry.Vector = vector;
        if (vector is null) return;
        VectorBytes += MemoryVectors.BytesOf(vector);
        VectorCount++;
    }

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
        SetVector(entry, null);
        if (entry.Node is not null) _working.Remove(entry.Node);
        entry.Node = null;
        _longTerm.Remove(entry);
    }

    private static string LineOf(MemoryItem item) => item.Source is { Length: > 0 } source ? $"- {item.Kind} from {source}: {item.Text}\n" : $"- {item.Kind}: {item.Text}\n";

    /// <summary>An item as a search ranked it.</summary>
    /// <param name="Item">The item, as it is (ranking does not recall).</param>
    /// <param name="Score">Its relevance (<see cref="MemoryRelevance"/>).</param>
    /// <param name="Overlap">The share of the query's keywords it holds.</param>
    /// <param name="Cosine">The cosine similarity of its vector with the query's; null when either has none.</param>
    public sealed record Ranked(MemoryItem Item, double Score, double Overlap, double? Cosine);

    private sealed class Entry(MemoryItem item)
    {
        public MemoryItem Item { get; set; } = item;

        public HashSet<string> Keywords { get; } = MemoryRelevance.Keywords(item.Text);

        public LinkedListNode<Entry>? Node { get; set; }

        public MemoryVector? Vector { get; set; }
    }
}
