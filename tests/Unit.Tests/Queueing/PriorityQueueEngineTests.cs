using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Interfaces.Queueing;
using TDeveloper.Grains.Queueing;

namespace TDeveloper.Unit.Tests.Queueing;

public class PriorityQueueEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    private PriorityQueueEngine<string> NewQueue() => new(_time);

    private static List<string> Drain(PriorityQueueEngine<string> queue)
    {
        var ids = new List<string>();
        while (queue.Dequeue() is { } next) ids.Add(next.Id);
        return ids;
    }

    [Fact]
    public void Higher_levels_start_first_and_equal_ones_in_fifo_order()
    {
        var queue = NewQueue();
        queue.Enqueue("n1", "t", RequestPriority.Normal, "");
        queue.Enqueue("l1", "t", RequestPriority.Low, "");
        queue.Enqueue("c1", "t", RequestPriority.Critical, "");
        queue.Enqueue("n2", "t", RequestPriority.Normal, "");
        queue.Enqueue("h1", "t", RequestPriority.High, "");
        queue.Enqueue("n3", "t", RequestPriority.Normal, "");

        Assert.Equal(["c1", "h1", "n1", "n2", "n3", "l1"], Drain(queue));
        Assert.Equal(0, queue.Count);
        Assert.Null(queue.Dequeue());
    }

    [Fact]
    public void Aging_is_linear_and_gives_one_level_after_five_minutes()
    {
        var queue = NewQueue();
        var low = queue.Enqueue("low", "t", RequestPriority.Low, "");
        _time.Advance(TimeSpan.FromMinutes(4));
        var normal = queue.Enqueue("normal", "t", RequestPriority.Normal, "");

        // At 4 min LOW is 1 + 0.8 = 1.8 < NORMAL's 2: the fresh NORMAL goes first.
        Assert.Equal(1.8, queue.EffectivePriority(low), 6);
        Assert.Equal("normal", queue.Peek()!.Id);

        // At 5 min LOW has its full boost: 2 (NORMAL aged 1 min is 2.2, still ahead).
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2.0, queue.EffectivePriority(low), 6);
        Assert.Equal(2.2, queue.EffectivePriority(normal), 6);

        // The boost stops at one level: after an hour LOW is 2, below a fresh HIGH's 3, and ties a fresh NORMAL, which it beats by age;
        // the aged NORMAL (3) ties the fresh HIGH and goes first, being older.
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2.0, queue.EffectivePriority(low), 6);
        queue.Enqueue("high", "t", RequestPriority.High, "");
        queue.Enqueue("fresh-normal", "t", RequestPriority.Normal, "");
        Assert.Equal(["normal", "high", "low", "fresh-normal"], Drain(queue));
    }

    [Fact]
    public void An_aged_low_request_overtakes_a_fresh_normal_one_queued_after_it()
    {
        var queue = NewQueue();
        queue.Enqueue("low", "t", RequestPriority.Low, "");
        _time.Advance(TimeSpan.FromMinutes(6));
        queue.Enqueue("normal", "t", RequestPriority.Normal, "");
        Assert.Equal(["low", "normal"], Drain(queue)); // 2 (capped) ties 2: the older first
    }

    [Fact]
    public void Within_five_minutes_of_its_deadline_a_request_doubles_its_priority()
    {
        var queue = NewQueue();
        var sla = queue.Enqueue("sla", "t", RequestPriority.Normal, "", deadline: T0.AddMinutes(12));
        queue.Enqueue("high", "t", RequestPriority.High, "");

        _time.Advance(TimeSpan.FromMinutes(6)); // 6 min before the deadline: NORMAL 3 < HIGH 4
        Assert.Equal(3.0, queue.EffectivePriority(sla), 6);
        Assert.Equal("high", queue.Peek()!.Id);

        _time.Advance(TimeSpan.FromMinutes(1)); // 5 min before it: (2 + 1) × 2 = 6 > HIGH 4
        Assert.Equal(6.0, queue.EffectivePriority(sla), 6);
        Assert.Equal(["sla", "high"], Drain(queue));
    }

    [Fact]
    public void A_near_deadline_lifts_a_low_request_above_a_fresh_critical_one_and_a_past_one_is_boosted_at_once()
    {
        var queue = NewQueue();
        queue.Enqueue("critical", "t", RequestPriority.Critical, "");
        _time.Advance(TimeSpan.FromMinutes(5));
        queue.Enqueue("low", "t", RequestPriority.Low, "", deadline: T0.AddMinutes(6)); // inside the window from the start: 1 × 2
        queue.Restore("overdue", "t", RequestPriority.Low, "", T0.AddMinutes(-30), T0.AddMinutes(1), 99); // aged and past its deadline: (1 + 1) × 2

        // critical: 4 + 1 = 5; overdue: 4; low: 2 × ... at 0 wait = 2.
        Assert.Equal(["critical", "overdue", "low"], Drain(queue));

        queue.Enqueue("critical2", "t", RequestPriority.Critical, "");
        queue.Restore("old-low-sla", "t", RequestPriority.Low, "", T0, T0.AddMinutes(7), 100); // (1 + 1) × 2 = 4 = CRITICAL fresh; older wins
        Assert.Equal(["old-low-sla", "critical2"], Drain(queue));
    }

    [Fact]
    public void Tenants_at_the_same_level_take_turns_and_each_tenant_stays_fifo()
    {
        var queue = NewQueue();
        for (var i = 0; i < 50; i++) queue.Enqueue($"a{i}", "tenant-a", RequestPriority.Normal, "");
        queue.Enqueue("b0", "tenant-b", RequestPriority.Normal, "");
        queue.Enqueue("b1", "tenant-b", RequestPriority.Normal, "");
        queue.Enqueue("c0", "tenant-c", RequestPriority.Normal, "");

        var order = Drain(queue);
        Assert.Equal(["a0", "b0", "c0", "a1", "b1", "a2", "a3"], order.Take(7));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"a{i}"), order.Where(id => id.StartsWith('a')));
    }

    [Fact]
    public void Fairness_never_beats_priority()
    {
        var queue = NewQueue();
        queue.Enqueue("a-high", "tenant-a", RequestPriority.High, "");
        queue.Enqueue("a-high2", "tenant-a", RequestPriority.High, "");
        queue.Enqueue("b-normal", "tenant-b", RequestPriority.Normal, "");
        Assert.Equal(["a-high", "a-high2", "b-normal"], Drain(queue));
    }

    [Fact]
    public void A_removed_request_never_starts_even_while_its_sla_window_is_pending()
    {
        var queue = NewQueue();
        queue.Enqueue("keep", "t", RequestPriority.Normal, "");
        queue.Enqueue("gone", "t", RequestPriority.Critical, "", deadline: T0.AddMinutes(30));
        queue.Enqueue("gone2", "t", RequestPriority.Low, "");

        Assert.True(queue.Remove("gone"));
        Assert.True(queue.Remove("gone2"));
        Assert.False(queue.Remove("gone"));
        _time.Advance(TimeSpan.FromMinutes(26)); // the removed item's SLA window opens: nothing comes back
        Assert.Equal(["keep"], Drain(queue));
    }

    [Fact]
    public void A_queue_rebuilt_from_its_stored_items_keeps_their_order()
    {
        var queue = NewQueue();
        var stored = new List<QueueEntry<string>>();
        stored.Add(queue.Enqueue("n1", "t", RequestPriority.Normal, "x"));
        _time.Advance(TimeSpan.FromSeconds(1));
        stored.Add(queue.Enqueue("h1", "t", RequestPriority.High, "y"));
        stored.Add(queue.Enqueue("n2", "t", RequestPriority.Normal, "z", deadline: T0.AddMinutes(20)));
        _time.Advance(TimeSpan.FromMinutes(16));
        var expected = queue.Ordered().Select(e => e.Id).ToList();

        var rebuilt = NewQueue();
        foreach (var e in stored.AsEnumerable().Reverse()) rebuilt.Restore(e.Id, e.Tenant, e.Priority, e.Value, e.EnqueuedAt, e.Deadline, e.Sequence);
        Assert.Equal(3, rebuilt.NextSequence);
        Assert.Equal(expected, Drain(rebuilt));
        Assert.Equal(expected, Drain(queue));
        Assert.Equal(["n2", "h1", "n1"], expected); // n2 is inside its SLA window (×2)
    }

    [Fact]
    public void Ten_thousand_mixed_requests_leave_in_effective_priority_order()
    {
        var queue = NewQueue();
        var random = new Random(13);
        var levels = Enum.GetValues<RequestPriority>();
        for (var i = 0; i < 10_000; i++)
        {
            var deadline = random.Next(10) == 0 ? T0.AddMinutes(random.Next(1, 60)) : (DateTimeOffset?)null;
            queue.Enqueue($"r{i}", $"t{random.Next(5)}", levels[random.Next(levels.Length)], "", deadline);
            if (i % 100 == 0) _time.Advance(TimeSpan.FromSeconds(3));
        }

        // Each step takes from the (level, SLA) bucket of the best item left; fairness only picks which tenant's item of that bucket.
        bool Boosted(QueueEntry<string> e) => e.Deadline is { } d && _time.GetUtcNow() >= d - queue.SlaWindow;
        var count = 0;
        while (queue.Peek() is { } head && count < 300) // the reference scan is O(n) per step: a sample is enough
        {
            var best = queue.Entries.OrderByDescending(queue.EffectivePriority).ThenBy(e => e.EnqueuedAt).ThenBy(e => e.Sequence).First();
            Assert.Equal((best.Priority, Boosted(best)), (head.Priority, Boosted(head)));
            Assert.Same(head, queue.Dequeue());
            if (++count % 50 == 0) _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(10_000 - count, queue.Count);
    }
}
