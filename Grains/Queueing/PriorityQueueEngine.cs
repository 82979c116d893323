using TDeveloper.Grains.Interfaces.Queueing;

namespace TDeveloper.Grains.Queueing;

/// <summary>One item in a <see cref="PriorityQueueEngine{T}"/>: its id, its fairness key (tenant), its level, deadline and when it was queued.</summary>
/// <typeparam name="T">The payload.</typeparam>
public sealed class QueueEntry<T>
{
    internal QueueEntry(string id, string tenant, RequestPriority priority, DateTimeOffset enqueuedAt, DateTimeOffset? deadline, long sequence, T value)
    {
        Id = id;
        Tenant = tenant;
        Priority = priority;
        EnqueuedAt = enqueuedAt;
        Deadline = deadline;
        Sequence = sequence;
        Value = value;
    }

    /// <summary>Gets the item's id, unique in the queue.</summary>
    public string Id { get; }

    /// <summary>Gets the fairness key: items of different tenants at the same level take turns.</summary>
    public string Tenant { get; }

    /// <summary>Gets the level asked for.</summary>
    public RequestPriority Priority { get; }

    /// <summary>Gets when the item was queued: aging counts from it.</summary>
    public DateTimeOffset EnqueuedAt { get; }

    /// <summary>Gets the deadline, if any: within <see cref="PriorityQueueEngine{T}.SlaWindow"/> of it the item's priority doubles.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Gets the order of queueing: FIFO among equals.</summary>
    public long Sequence { get; }

    /// <summary>Gets the payload.</summary>
    public T Value { get; }

    internal bool Boosted { get; set; }

    internal Bucket<T>? Bucket { get; set; }
}

/// <summary>
/// A priority queue with aging, deadlines and tenant fairness, free of Orleans and driven by a <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>An item's effective priority is <c>(rank + aging) × sla</c>: rank is LOW 1 … CRITICAL 4; aging grows linearly from 0
/// to 1 (one level's worth, not to the top) over <see cref="AgingPeriod"/> of waiting; sla is 2 from
/// <see cref="SlaWindow"/> before the item's deadline on, else 1. The highest effective priority starts first; equal ones
/// start oldest first.</para>
/// <para>Items sit in eight buckets (level × boosted), each ordered by queueing time: since aging is the same function of
/// waiting time for all, a bucket's oldest item is its best, and the next item is the best of eight bucket heads. Within the
/// chosen bucket, tenants take turns (round-robin) and each tenant's items leave FIFO, so one tenant's burst cannot
/// hold back another's work of the same level. Items whose SLA window opens move to their boosted bucket as time passes
/// (a heap of window openings). Every operation is O(log n).</para>
/// </remarks>
/// <typeparam name="T">The payload.</typeparam>
public sealed class PriorityQueueEngine<T>
{
    /// <summary>How long an item waits for its full aging boost (one level). Default 5 min.</summary>
    public TimeSpan AgingPeriod { get; }

    /// <summary>How long before its deadline an item's priority doubles. Default 5 min.</summary>
    public TimeSpan SlaWindow { get; }

    private readonly TimeProvider _time;
    private readonly Bucket<T>[] _buckets = new Bucket<T>[8];
    private readonly Dictionary<string, QueueEntry<T>> _byId = new(StringComparer.Ordinal);
    private readonly PriorityQueue<QueueEntry<T>, DateTimeOffset> _slaOpenings = new();
    private long _sequence;

    /// <summary>Creates an empty queue.</summary>
    public PriorityQueueEngine(TimeProvider time, TimeSpan? agingPeriod = null, TimeSpan? slaWindow = null)
    {
        _time = time;
        AgingPeriod = agingPeriod ?? TimeSpan.FromMinutes(5);
        SlaWindow = slaWindow ?? TimeSpan.FromMinutes(5);
        if (AgingPeriod <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(agingPeriod));
        for (var i = 0; i < _buckets.Length; i++) _buckets[i] = new Bucket<T>();
    }

    /// <summary>Gets how many items wait.</summary>
    public int Count => _byId.Count;

    /// <summary>Gets whether the item waits.</summary>
    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>Gets the waiting items, in no particular order.</summary>
    public IEnumerable<QueueEntry<T>> Entries => _byId.Values;

    /// <summary>Queues an item now; see <see cref="Restore"/> for one queued earlier.</summary>
    /// <exception cref="ArgumentException">An item with that id already waits.</exception>
    public QueueEntry<T> Enqueue(string id, string tenant, RequestPriority priority, T value, DateTimeOffset? deadline = null) =>
        Restore(id, tenant, priority, value, _time.GetUtcNow(), deadline, _sequence);

    /// <summary>Queues an item that was queued at <paramref name="enqueuedAt"/> as the <paramref name="sequence"/>th (rebuilding a stored queue).</summary>
    public QueueEntry<T> Restore(string id, string tenant, RequestPriority priority, T value, DateTimeOffset enqueuedAt, DateTimeOffset? deadline, long sequence)
    {
        if (_byId.ContainsKey(id)) throw new ArgumentException($"Item '{id}' is already queued.", nameof(id));
        var entry = new QueueEntry<T>(id, tenant, priority, enqueuedAt, deadline, sequence, value);
        _sequence = Math.Max(_sequence, sequence + 1);
        _byId.Add(id, entry);
        var now = _time.GetUtcNow();
        if (deadline is { } due)
        {
            if (now >= due - SlaWindow) entry.Boosted = true;
            else _slaOpenings.Enqueue(entry, due - SlaWindow);
        }

        BucketOf(entry).Add(entry);
        return entry;
    }

    /// <summary>Gets the next sequence number <see cref="Enqueue"/> gives.</summary>
    public long NextSequence => _sequence;

    /// <summary>Removes a waiting item (a cancelled request); returns whether it waited.</summary>
    public bool Remove(string id)
    {
        if (!_byId.Remove(id, out var entry)) return false;
        entry.Bucket!.Remove(entry);
        return true;
    }

    /// <summary>Gets the item that would start next, without removing it, or <see langword="null"/> when none waits.</summary>
    public QueueEntry<T>? Peek()
    {
        var bucket = Best();
        return bucket?.PeekFair();
    }

    /// <summary>Removes and returns the item to start next, or <see langword="null"/> when none waits.</summary>
    public QueueEntry<T>? Dequeue()
    {
        var bucket = Best();
        if (bucket is null) return null;
        var entry = bucket.TakeFair();
        _byId.Remove(entry.Id);
        return entry;
    }

    /// <summary>Gets an item's effective priority now: <c>(rank + aging) × sla</c>.</summary>
    public double EffectivePriority(QueueEntry<T> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = _time.GetUtcNow();
        var boosted = entry.Deadline is { } due && now >= due - SlaWindow;
        return Effective(entry.Priority, entry.EnqueuedAt, boosted, now);
    }

    /// <summary>Gets the waiting items in the order they would start if nothing changed: O(n log n), for a small queue's positions.</summary>
    public IReadOnlyList<QueueEntry<T>> Ordered()
    {
        var copy = new PriorityQueueEngine<T>(_time, AgingPeriod, SlaWindow);
        foreach (var entry in _byId.Values.OrderBy(e => e.Sequence)) copy.Restore(entry.Id, entry.Tenant, entry.Priority, entry.Value, entry.EnqueuedAt, entry.Deadline, entry.Sequence);
        var order = new List<QueueEntry<T>>(Count);
        while (copy.Dequeue() is { } next) order.Add(_byId[next.Id]);
        return order;
    }

    private double Effective(RequestPriority priority, DateTimeOffset enqueuedAt, bool boosted, DateTimeOffset now)
    {
        var waited = now - enqueuedAt;
        var aging = waited <= TimeSpan.Zero ? 0 : Math.Min(1.0, waited / AgingPeriod);
        return (priority.Rank() + aging) * (boosted ? 2 : 1);
    }

    private Bucket<T>? Best()
    {
        var now = _time.GetUtcNow();
        OpenSlaWindows(now);
        Bucket<T>? best = null;
        var bestScore = double.MinValue;
        QueueEntry<T>? bestHead = null;
        foreach (var bucket in _buckets)
        {
            if (bucket.Oldest is not { } head) continue;
            var score = Effective(head.Priority, head.EnqueuedAt, head.Boosted, now);
            if (score > bestScore || (score == bestScore && Older(head, bestHead!)))
            {
                best = bucket;
                bestScore = score;
                bestHead = head;
            }
        }

        return best;
    }

    private static bool Older(QueueEntry<T> a, QueueEntry<T> b) => a.EnqueuedAt < b.EnqueuedAt || (a.EnqueuedAt == b.EnqueuedAt && a.Sequence < b.Sequence);

    private void OpenSlaWindows(DateTimeOffset now)
    {
        while (_slaOpenings.TryPeek(out var entry, out var opensAt) && opensAt <= now)
        {
            _slaOpenings.Dequeue();
            if (entry.Boosted || !_byId.TryGetValue(entry.Id, out var current) || !ReferenceEquals(current, entry)) continue; // gone meanwhile
            entry.Bucket!.Remove(entry);
            entry.Boosted = true;
            BucketOf(entry).Add(entry);
        }
    }

    private Bucket<T> BucketOf(QueueEntry<T> entry) => _buckets[((int)entry.Priority * 2) + (entry.Boosted ? 1 : 0)];
}

/// <summary>The items of one level (boosted or not): all of them oldest first, and per tenant FIFO with tenants taking turns.</summary>
internal sealed class Bucket<T>
{
    private static readonly Comparer<QueueEntry<T>> ByAge = Comparer<QueueEntry<T>>.Create((a, b) =>
    {
        var c = a.EnqueuedAt.CompareTo(b.EnqueuedAt);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    });

    private readonly SortedSet<QueueEntry<T>> _all = new(ByAge);
    private readonly Dictionary<string, (SortedSet<QueueEntry<T>> Items, LinkedListNode<string> Turn)> _tenants = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _turns = new();

    public QueueEntry<T>? Oldest => _all.Count == 0 ? null : _all.Min;

    public void Add(QueueEntry<T> entry)
    {
        entry.Bucket = this;
        _all.Add(entry);
        if (!_tenants.TryGetValue(entry.Tenant, out var tenant))
        {
            tenant = (new SortedSet<QueueEntry<T>>(ByAge), _turns.AddLast(entry.Tenant));
            _tenants.Add(entry.Tenant, tenant);
        }

        tenant.Items.Add(entry);
    }

    public void Remove(QueueEntry<T> entry)
    {
        _all.Remove(entry);
        var tenant = _tenants[entry.Tenant];
        tenant.Items.Remove(entry);
        if (tenant.Items.Count == 0)
        {
            _turns.Remove(tenant.Turn);
            _tenants.Remove(entry.Tenant);
        }

        entry.Bucket = null;
    }

    public QueueEntry<T> PeekFair() => _tenants[_turns.First!.Value].Items.Min!;

    public QueueEntry<T> TakeFair()
    {
        var name = _turns.First!.Value;
        var entry = _tenants[name].Items.Min!;
        Remove(entry);
        if (_tenants.TryGetValue(name, out var tenant))
        {
            // The tenant had its turn: to the back of the line.
            _turns.Remove(tenant.Turn);
            _turns.AddLast(tenant.Turn);
        }

        return entry;
    }
}
