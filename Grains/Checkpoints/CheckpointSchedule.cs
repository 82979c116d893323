namespace TDeveloper.Grains.Checkpoints;

/// <summary>When a session takes its next checkpoint, free of grains.</summary>
public static class CheckpointSchedule
{
    /// <summary>
    /// Gets whether the scheduled checkpoint is worth taking: a request is running (its workflow and agents move on without
    /// the session hearing of it), or the session was used since <paramref name="since"/> (its last checkpoint, else its
    /// creation). An idle session, or a new one never used, writes nothing.
    /// </summary>
    public static bool ScheduledDue(DateTimeOffset since, DateTimeOffset lastActivityAt, int runningRequests) =>
        runningRequests > 0 || lastActivityAt > since;

    /// <summary>
    /// Gets how long a change checkpoint waits so that at most one is taken per <paramref name="debounce"/>: zero when the
    /// last one is at least that old (or there is none), else the rest of the debounce.
    /// </summary>
    public static TimeSpan ChangeDelay(DateTimeOffset? lastTakenAt, DateTimeOffset now, TimeSpan debounce)
    {
        if (lastTakenAt is not { } last) return TimeSpan.Zero;
        var wait = last + debounce - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
