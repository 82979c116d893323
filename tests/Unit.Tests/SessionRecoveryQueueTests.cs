using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Sessions.Recovery;

namespace TDeveloper.Unit.Tests;

/// <summary>The crash-recovery queue's schedule over simulated time: backoff, the attempt limit, and idempotent queuing.</summary>
public sealed class SessionRecoveryQueueTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly SessionRecoveryOptions _options = new();

    [Fact]
    public void Each_failure_doubles_the_wait_and_the_third_failure_gives_up()
    {
        var queue = new RecoveryQueue(new SessionRecoveryQueueState(), _options);
        queue.Enqueue("t/s", _time.GetUtcNow());
        var waits = new List<TimeSpan>();
        RecoveryFailure? failure = null;

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // The attempt is due now and not a tick earlier.
            var entry = Assert.Single(queue.Due(_time.GetUtcNow()));
            Assert.Equal(attempt, queue.BeginAttempt(entry, _time.GetUtcNow()));
            Assert.Empty(queue.Due(_time.GetUtcNow())); // begun: not due again while it runs
            failure = queue.Failed(entry, $"failure {attempt}", _time.GetUtcNow());
            if (failure.Final) break;
            var wait = failure.NextAttemptAt!.Value - _time.GetUtcNow();
            waits.Add(wait);
            _time.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.Empty(queue.Due(_time.GetUtcNow()));
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)], waits);
        Assert.True(failure!.Final);
        var gaveUp = Assert.Single(queue.Due(_time.GetUtcNow())); // due at once: the session is still to be told
        Assert.True(gaveUp.GaveUp);
        Assert.Equal("failure 3", gaveUp.LastError);
        Assert.Equal(3, gaveUp.Attempts);
        queue.Remove(gaveUp);
        Assert.Equal(0, queue.Count);
        Assert.Null(queue.TimeUntilNextDue(_time.GetUtcNow()));
    }

    [Fact]
    public void The_backoff_is_two_to_the_n_minus_one_base_delays_and_configurable()
    {
        Assert.Equal([1, 2, 4, 8], Enumerable.Range(1, 4).Select(n => RecoveryQueue.Backoff(n, _options).TotalMinutes));
        Assert.Equal(TimeSpan.FromSeconds(20), RecoveryQueue.Backoff(3, new SessionRecoveryOptions { BaseDelay = TimeSpan.FromSeconds(5) }));
    }

    [Fact]
    public void A_configured_attempt_limit_is_kept()
    {
        var queue = new RecoveryQueue(new SessionRecoveryQueueState(), new SessionRecoveryOptions { MaxAttempts = 1 });
        queue.Enqueue("t/s", _time.GetUtcNow());
        var entry = queue.Due(_time.GetUtcNow())[0];
        queue.BeginAttempt(entry, _time.GetUtcNow());

        Assert.True(queue.Failed(entry, "boom", _time.GetUtcNow()).Final);
    }

    [Fact]
    public void An_attempt_lost_with_its_silo_is_retried_after_its_backoff_not_at_once()
    {
        var state = new SessionRecoveryQueueState();
        var queue = new RecoveryQueue(state, _options);
        queue.Enqueue("t/s", _time.GetUtcNow());
        queue.BeginAttempt(queue.Due(_time.GetUtcNow())[0], _time.GetUtcNow()); // then the silo dies: the state as written

        var reloaded = new RecoveryQueue(state, _options);
        Assert.Empty(reloaded.Due(_time.GetUtcNow()));
        Assert.Equal(TimeSpan.FromMinutes(1), reloaded.TimeUntilNextDue(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, reloaded.BeginAttempt(Assert.Single(reloaded.Due(_time.GetUtcNow())), _time.GetUtcNow()));
    }

    [Fact]
    public void Queuing_a_session_again_changes_nothing_and_sessions_are_due_oldest_first()
    {
        var queue = new RecoveryQueue(new SessionRecoveryQueueState(), _options);

        Assert.True(queue.Enqueue("t/a", _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(queue.Enqueue("t/b", _time.GetUtcNow()));
        Assert.False(queue.Enqueue("t/a", _time.GetUtcNow()));

        Assert.Equal(2, queue.Count);
        Assert.Equal(["t/a", "t/b"], queue.Due(_time.GetUtcNow()).Select(e => e.SessionKey));
        Assert.Equal(TimeSpan.Zero, queue.TimeUntilNextDue(_time.GetUtcNow()));
    }

    [Fact]
    public void Sessions_spread_over_the_shards_the_same_way_everywhere()
    {
        var shards = Enumerable.Range(0, 1000).Select(i => RecoveryShards.For($"acme/s-{i}", 8)).ToList();

        Assert.All(shards, s => Assert.InRange(s, 0, 7));
        Assert.All(shards.GroupBy(s => s), g => Assert.InRange(g.Count(), 80, 170)); // no hot shard
        Assert.Equal(RecoveryShards.For("acme/s-1", 8), RecoveryShards.For("acme/s-1", 8));
    }
}
