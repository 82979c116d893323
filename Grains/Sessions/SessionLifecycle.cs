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
    /// <summary>Gets whether the session is live (created and not ended).</summary>
    public static bool IsLive(SessionStatus status) => status is SessionStatus.Active or SessionStatus.Paused or SessionStatus.Resuming or SessionStatus.Terminating;

    /// <summary>Sets up a new session.</summary>
    public static (CommandOutcome Outcome, string? Error) Create(SessionState state, CreateSessionInput input, DateTimeOffset now, SessionOptions options)
    {
        if (state.Status != SessionStatus.None) return (CommandOutcome.Conflict, "The session already exists.");
        state.Status = SessionStatus.Active;
        state.Owner = input.Owner;
        state.Title = input.Title;
        state.CreatedAt = now;
        state.ExpiresAt = now + options.MaxLifetime;
        return (CommandOutcome.Ok, null);
    }

    /// <summary>Checks that the session may take a new request.</summary>
    public static (CommandOutcome Outcome, string? Error) CanSubmit(SessionState state, DateTimeOffset now, SessionOptions options) => state.Status switch
    {
        SessionStatus.None => (CommandOutcome.NotFound, "The session does not exist."),
        SessionStatus.Paused or SessionStatus.Resuming => (CommandOutcome.Conflict, "The session is paused; resume it first."),
        SessionStatus.Terminating or SessionStatus.Completed => (CommandOutcome.Conflict, $"The session has ended ({state.EndReason ?? "terminating"})."),
        _ when now >= state.ExpiresAt => (CommandOutcome.Conflict, "The session has reached its maximum lifetime."),
        _ when RunningCount(state) >= options.MaxRunningRequests => (CommandOutcome.Conflict, $"The session already runs {options.MaxRunningRequests} requests; wait for one to finish."),
        _ => (CommandOutcome.Ok, null),
    };

    /// <summary>Pauses an active session.</summary>
    public static (CommandOutcome Outcome, string? Error) Pause(SessionState state) => Move(state, SessionStatus.Active, SessionStatus.Paused, "Only an active session can be paused.");

    /// <summary>Begins resuming a paused session; <see cref="FinishResume"/> makes it active.</summary>
    public static (CommandOutcome Outcome, string? Error) BeginResume(SessionState state) => Move(state, SessionStatus.Paused, SessionStatus.Resuming, "Only a paused session can be resumed.");

    /// <summary>Makes a resuming session active.</summary>
    public static void FinishResume(SessionState state)
    {
        if (state.Status == SessionStatus.Resuming) state.Status = SessionStatus.Active;
    }

    /// <summary>Begins ending a live session; <see cref="FinishTermination"/> completes it.</summary>
    public static (CommandOutcome Outcome, string? Error) BeginTermination(SessionState state, string reason)
    {
        if (state.Status == SessionStatus.None) return (CommandOutcome.NotFound, "The session does not exist.");
        if (state.Status == SessionStatus.Completed) return (CommandOutcome.Conflict, $"The session has already ended ({state.EndReason}).");
        state.Status = SessionStatus.Terminating;
        state.EndReason = reason;
        return (CommandOutcome.Ok, null);
    }

    /// <summary>Checks that a session may complete normally: live, with no request running.</summary>
    public static (CommandOutcome Outcome, string? Error) CanComplete(SessionState state) => state.Status switch
    {
        SessionStatus.None => (CommandOutcome.NotFound, "The session does not exist."),
        SessionStatus.Completed => (CommandOutcome.Conflict, $"The session has already ended ({state.EndReason})."),
        _ when RunningCount(state) > 0 => (CommandOutcome.Conflict, $"{RunningCount(state)} request(s) are still running; wait for them or cancel the session."),
        _ => (CommandOutcome.Ok, null),
    };

    /// <summary>Completes a terminating session.</summary>
    public static void FinishTermination(SessionState state) => state.Status = SessionStatus.Completed;

    /// <summary>Gets whether a live session is past its maximum lifetime.</summary>
    public static bool IsExpired(SessionState state, DateTimeOffset now) => IsLive(state.Status) && state.Status != SessionStatus.Terminating && now >= state.ExpiresAt;

    /// <summary>Gets how many of the session's requests have not finished.</summary>
    public static int RunningCount(SessionState state) => state.Requests.Count(r => r.Status.IsActive());

    private static (CommandOutcome, string?) Move(SessionState state, SessionStatus from, SessionStatus to, string refusal)
    {
        if (state.Status == SessionStatus.None) return (CommandOutcome.NotFound, "The session does not exist.");
        if (state.Status != from) return (CommandOutcome.Conflict, $"{refusal} It is {state.Status}.");
        state.Status = to;
        return (CommandOutcome.Ok, null);
    }
}
