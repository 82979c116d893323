using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Sessions;

/// <summary>
/// The session state machine, free of Orleans. Each command checks the current state and either
/// changes it and returns <see langword="null"/>, or leaves it as it was and returns why not.
/// </summary>
public static class SessionLifecycle
{
    /// <summary>Every legal move of a session's status; any other is refused (HTTP 409).</summary>
    public static readonly IReadOnlySet<(SessionStatus From, SessionStatus To)> Transitions = new HashSet<(SessionStatus, SessionStatus)>
    {
        (SessionStatus.None, SessionStatus.Active),
        (SessionStatus.Active, SessionStatus.Paused),
        (SessionStatus.Active, SessionStatus.Terminating),
        (SessionStatus.Paused, SessionStatus.Resuming),
        (SessionStatus.Paused, SessionStatus.Terminating),
        (SessionStatus.Resuming, SessionStatus.Active),
        (SessionStatus.Resuming, SessionStatus.Terminating),
        (SessionStatus.Terminating, SessionStatus.Completed),
        (SessionStatus.Terminating, SessionStatus.Failed),
    };

    /// <summary>Gets whether a session may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsLegal(SessionStatus from, SessionStatus to) => Transitions.Contains((from, to));

    /// <summary>Gets whether the session is live (created and not ended).</summary>
    public static bool IsLive(SessionStatus status) => status is SessionStatus.Active or SessionStatus.Paused or SessionStatus.Resuming or SessionStatus.Terminating;

    /// <summary>Gets whether the session has ended (completed or failed): final states that hold no concurrent-session slot.</summary>
    public static bool IsEnded(SessionStatus status) => status is SessionStatus.Completed or SessionStatus.Failed;

    /// <summary>Sets up a new session.</summary>
    public static (CommandOutcome Outcome, string? Error) Create(SessionState state, CreateSessionInput input, DateTimeOffset now, SessionOptions options)
    {
        if (state.Status != SessionStatus.None) return (CommandOutcome.Conflict, "The session already exists.");
        state.Status = SessionStatus.Active;
        state.Owner = input.Owner;
        state.Title = input.Title;
        state.CreatedAt = now;
        state.LastActivityAt = now;
        state.ExpiresAt = now + options.MaxLifetime;
        return (CommandOutcome.Ok, null);
    }

    /// <summary>Checks that the session may take a new request.</summary>
    public static (CommandOutcome Outcome, string? Error) CanSubmit(SessionState state, DateTimeOffset now, SessionOptions options) => state.Status switch
    {
        SessionStatus.None => (CommandOutcome.NotFound, "The session does not exist."),
        SessionStatus.Paused or SessionStatus.Resuming => (CommandOutcome.Conflict, "The session is paused; resume it first."),
        SessionStatus.Terminating or SessionStatus.Completed or SessionStatus.Failed => (CommandOutcome.Conflict, $"The session has ended ({state.EndReason ?? "terminating"})."),
        _ when now >= state.ExpiresAt => (CommandOutcome.Conflict, "The session has reached its maximum lifetime."),
        _ => (CommandOutcome.Ok, null),
    };

    /// <summary>Pauses an active session.</summary>
    public static (CommandOutcome Outcome, string? Error) Pause(SessionState state) => Move(state, SessionStatus.Paused, "Only an active session can be paused.");

    /// <summary>Begins resuming a paused session; <see cref="FinishResume"/> makes it active.</summary>
    public static (CommandOutcome Outcome, string? Error) BeginResume(SessionState state) => Move(state, SessionStatus.Resuming, "Only a paused session can be resumed.");

    /// <summary>Makes a resuming session active.</summary>
    public static void FinishResume(SessionState state)
    {
        if (state.Status == SessionStatus.Resuming) state.Status = SessionStatus.Active;
    }

    /// <summary>
    /// Begins ending a live session; <see cref="FinishTermination"/> completes it. A session already terminating (a
    /// termination cut short by a crash) continues with its first reason.
    /// </summary>
    public static (CommandOutcome Outcome, string? Error) BeginTermination(SessionState state, string reason)
    {
        if (state.Status == SessionStatus.Terminating) return (CommandOutcome.Ok, null);
        if (IsEnded(state.Status)) return (CommandOutcome.Conflict, $"The session has already ended ({state.EndReason}).");
        var moved = Move(state, SessionStatus.Terminating, "Only a live session can be ended.");
        if (moved.Item1 == CommandOutcome.Ok) state.EndReason = reason;
        return moved;
    }

    /// <summary>Checks that a session may complete normally: live, with no request running.</summary>
    public static (CommandOutcome Outcome, string? Error) CanComplete(SessionState state) => state.Status switch
    {
        SessionStatus.None => (CommandOutcome.NotFound, "The session does not exist."),
        SessionStatus.Completed or SessionStatus.Failed => (CommandOutcome.Conflict, $"The session has already ended ({state.EndReason})."),
        _ when RunningCount(state) > 0 => (CommandOutcome.Conflict, $"{RunningCount(state)} request(s) are still running; wait for them or cancel the session."),
        _ => (CommandOutcome.Ok, null),
    };

    /// <summary>Ends a terminating session: completed, or failed when <paramref name="failure"/> says what went wrong (added to its end reason).</summary>
    public static (CommandOutcome Outcome, string? Error) FinishTermination(SessionState state, string? failure = null)
    {
        var moved = Move(state, failure is null ? SessionStatus.Completed : SessionStatus.Failed, "Only a terminating session can end.");
        if (moved.Item1 == CommandOutcome.Ok && failure is not null) state.EndReason = $"{state.EndReason}; failed: {failure}";
        return moved;
    }

    /// <summary>Records that the session was used at <paramref name="now"/>: the idle timeout starts again.</summary>
    public static void Touch(SessionState state, DateTimeOffset now)
    {
        if (now > state.LastActivityAt) state.LastActivityAt = now;
    }

    /// <summary>Gets whether a live session is past its maximum lifetime.</summary>
    public static bool IsExpired(SessionState state, DateTimeOffset now) => IsLive(state.Status) && state.Status != SessionStatus.Terminating && now >= state.ExpiresAt;

    /// <summary>Gets whether a live session has had no activity, and no running request, for the idle timeout.</summary>
    public static bool IsIdle(SessionState state, DateTimeOffset now, SessionOptions options) =>
        IsLive(state.Status) && state.Status != SessionStatus.Terminating && RunningCount(state) == 0
        && now - Max(state.LastActivityAt, state.CreatedAt) >= options.IdleTimeout;

    /// <summary>Gets why the session must end now ("expired" past its lifetime, "idle" past its idle timeout), or <see langword="null"/>.</summary>
    public static string? EndDue(SessionState state, DateTimeOffset now, SessionOptions options) =>
        IsExpired(state, now) ? "expired" : IsIdle(state, now, options) ? "idle" : null;

    /// <summary>Gets whether the session may start one more request now (beyond it, requests wait in its queue).</summary>
    public static bool HasCapacity(SessionState state, SessionOptions options) => RunningCount(state) < options.MaxRunningRequests;

    /// <summary>Gets how many of the session's requests have not finished.</summary>
    public static int RunningCount(SessionState state) => state.Requests.Count(r => r.Status.IsActive());

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static (CommandOutcome, string?) Move(SessionState state, SessionStatus to, string refusal)
    {
        if (state.Status == SessionStatus.None) return (CommandOutcome.NotFound, "The session does not exist.");
        if (!IsLegal(state.Status, to)) return (CommandOutcome.Conflict, $"{refusal} It is {state.Status}.");
        state.Status = to;
        return (CommandOutcome.Ok, null);
    }
}
