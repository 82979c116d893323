using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Sessions.Recovery;

/// <summary>A session waiting in a crash-recovery queue.</summary>
[GenerateSerializer, Alias("TDeveloper.RecoveryEntry")]
public sealed class RecoveryEntry
{
    /// <summary>Gets or sets the session's key (<c>{tenant}/{session}</c>).</summary>
    [Id(0)] public string SessionKey { get; set; } = "";

    /// <summary>Gets or sets when the session was queued.</summary>
    [Id(1)] public DateTimeOffset EnqueuedAt { get; set; }

    /// <summary>Gets or sets how many attempts have begun.</summary>
    [Id(2)] public int Attempts { get; set; }

    /// <summary>Gets or sets the earliest time of the next attempt.</summary>
    [Id(3)] public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Gets or sets why the last attempt failed.</summary>
    [Id(4)] public string? LastError { get; set; }

    /// <summary>Gets or sets whether the last attempt has failed and the session still has to be told it failed for good.</summary>
    [Id(5)] public bool GaveUp { get; set; }
}

/// <summary>The persisted state of one crash-recovery queue shard.</summary>
[GenerateSerializer, Alias("TDeveloper.SessionRecoveryQueueState")]
public sealed class SessionRecoveryQueueState
{
    /// <summary>Gets or sets the sessions waiting, in the order they were queued.</summary>
    [Id(0)] public List<RecoveryEntry> Entries { get; set; } = [];
}

/// <summary>What the queue decided after an attempt failed.</summary>
/// <param name="Final">Whether that was the last attempt: the session is to be marked failed.</param>
/// <param name="NextAttemptAt">When the next attempt is due, unless final.</param>
public sealed record RecoveryFailure(bool Final, DateTimeOffset? NextAttemptAt);

/// <summary>
/// The crash-recovery queue's rules, free of Orleans and of the clock (time is passed in). A queued session gets up to
/// <see cref="SessionRecoveryOptions.MaxAttempts"/> attempts: the first at the first scan, and after the n-th failure the
/// next waits <see cref="SessionRecoveryOptions.BaseDelay"/> × 2^(n−1) (1, 2, 4 min… by default). Queuing a session already
/// queued changes nothing.
/// </summary>
public sealed class RecoveryQueue(SessionRecoveryQueueState state, SessionRecoveryOptions options)
{
    /// <summary>Gets how many sessions are queued.</summary>
    public int Count => state.Entries.Count;

    /// <summary>Gets the entry of a session, if queued.</summary>
    public RecoveryEntry? Find(string sessionKey) => state.Entries.Find(e => e.SessionKey == sessionKey);

    /// <summary>Queues a session, due at once; returns false (and changes nothing) when it is already queued.</summary>
    public bool Enqueue(string sessionKey, DateTimeOffset now)
    {
        if (Find(sessionKey) is not null) return false;
        state.Entries.Add(new RecoveryEntry { SessionKey = sessionKey, EnqueuedAt = now, NextAttemptAt = now });
        return true;
    }

    /// <summary>Gets the entries due at <paramref name="now"/>, oldest first: attempts to begin, or final failures still to report.</summary>
    public IReadOnlyList<RecoveryEntry> Due(DateTimeOffset now) => [.. state.Entries.Where(e => e.GaveUp || e.NextAttemptAt <= now)];

    /// <summary>
    /// Begins an attempt: counts it, and pushes the entry's due time past its backoff, so an attempt lost with its silo is
    /// retried only after the wait a failure would have caused. Returns the attempt's number.
    /// </summary>
    public int BeginAttempt(RecoveryEntry entry, DateTimeOffset now)
    {
        entry.Attempts++;
        entry.NextAttemptAt = now + Backoff(entry.Attempts, options);
        return entry.Attempts;
    }

    /// <summary>Removes a session whose recovery succeeded, or whose final failure it has been told.</summary>
    public void Remove(RecoveryEntry entry) => state.Entries.Remove(entry);

    /// <summary>Records a failed attempt: the next one waits its backoff, or after the last the entry gives up.</summary>
    public RecoveryFailure Failed(RecoveryEntry entry, string error, DateTimeOffset now)
    {
        entry.LastError = error;
        if (entry.Attempts >= options.MaxAttempts)
        {
            entry.GaveUp = true;
            return new RecoveryFailure(true, null);
        }

        entry.NextAttemptAt = now + Backoff(entry.Attempts, options);
        return new RecoveryFailure(false, entry.NextAttemptAt);
    }

    /// <summary>Gets how long until the next entry is due (zero when one is due now), or <see langword="null"/> when the queue is empty.</summary>
    public TimeSpan? TimeUntilNextDue(DateTimeOffset now)
    {
        if (state.Entries.Count == 0) return null;
        var next = state.Entries.Min(e => e.GaveUp ? now : e.NextAttemptAt);
        return next > now ? next - now : TimeSpan.Zero;
    }

    /// <summary>Gets the wait after the <paramref name="failedAttempts"/>-th failed attempt: <see cref="SessionRecoveryOptions.BaseDelay"/> × 2^(n−1).</summary>
    public static TimeSpan Backoff(int failedAttempts, SessionRecoveryOptions options) =>
        TimeSpan.FromTicks(options.BaseDelay.Ticks * (1L << Math.Clamp(failedAttempts - 1, 0, 30)));
}
