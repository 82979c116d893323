using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Sessions;

namespace TDeveloper.Unit.Tests;

public class SessionLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly SessionOptions _options = new() { MaxLifetime = TimeSpan.FromHours(8), MaxRunningRequests = 1 };

    private SessionState Created()
    {
        var state = new SessionState();
        Assert.Equal(CommandOutcome.Ok, SessionLifecycle.Create(state, new CreateSessionInput { Owner = "ana" }, T0, _options).Outcome);
        return state;
    }

    [Fact]
    public void A_new_session_is_active_and_expires_after_its_lifetime()
    {
        var state = Created();

        Assert.Equal(SessionStatus.Active, state.Status);
        Assert.Equal(T0.AddHours(8), state.ExpiresAt);
        Assert.False(SessionLifecycle.IsExpired(state, T0.AddHours(8).AddTicks(-1)));
        Assert.True(SessionLifecycle.IsExpired(state, T0.AddHours(8)));
    }

    [Fact]
    public void Creating_twice_is_a_conflict() =>
        Assert.Equal(CommandOutcome.Conflict, SessionLifecycle.Create(Created(), new CreateSessionInput(), T0, _options).Outcome);

    [Fact]
    public void Pause_then_resume_passes_through_resuming_back_to_active()
    {
        var state = Created();

        Assert.Equal(CommandOutcome.Ok, SessionLifecycle.Pause(state).Outcome);
        Assert.Equal(CommandOutcome.Conflict, SessionLifecycle.CanSubmit(state, T0, _options).Outcome);
        Assert.Equal(CommandOutcome.Ok, SessionLifecycle.BeginResume(state).Outcome);
        Assert.Equal(SessionStatus.Resuming, state.Status);
        SessionLifecycle.FinishResume(state);
        Assert.Equal(SessionStatus.Active, state.Status);
    }

    [Fact]
    public void Refused_commands_leave_the_state_unchanged()
    {
        var state = Created();

        Assert.Equal(CommandOutcome.Conflict, SessionLifecycle.BeginResume(state).Outcome);
        Assert.Equal(SessionStatus.Active, state.Status);
        Assert.Equal(CommandOutcome.NotFound, SessionLifecycle.Pause(new SessionState()).Outcome);
    }

    [Fact]
    public void Submitting_past_the_running_limit_queues_and_is_refused_past_the_lifetime_or_the_end()
    {
        var state = Created();
        state.Requests.Add(new RequestRecord { Status = WorkflowStatus.Running });

        // At the running limit a request is still accepted (it waits in the queue), but there is no free slot.
        Assert.Equal(CommandOutcome.Ok, SessionLifecycle.CanSubmit(state, T0, _options).Outcome);
        Assert.False(SessionLifecycle.HasCapacity(state, _options));
        state.Requests.Add(new RequestRecord { Status = WorkflowStatus.Queued });
        Assert.Equal(1, SessionLifecycle.RunningCount(state)); // a queued request holds no slot
        state.Requests[0].Status = WorkflowStatus.Completed;
        Assert.True(SessionLifecycle.HasCapacity(state, _options));
        Assert.Equal(CommandOutcome.Ok, SessionLifecycle.CanSubmit(state, T0, _options).Outcome);
        Assert.Equal(CommandOutcome.Conflict, SessionLifecycle.CanSubmit(state, T0.AddHours(9), _options).Outcome);
    }

    [Fact]
    public void Completing_needs_no_running_request_and_a_completed_session_cannot_end_again()
    {
        var state = Created();
        state.Requests.Add(new RequestRecord { Status = WorkflowStatus.Running });
        Assert.Equal(CommandOutcome.Conflict, SessionLifecycle.CanComplete(state).Outcome);

        Assert.Equal(CommandOutcome.Ok, SessionLifecycle.BeginTermination(state, "cancelled: test").Outcome);
        SessionLifecycle.FinishTermination(state);

        Assert.Equal(SessionStatus.Completed, state.Status);
        Assert.Equal(CommandOutcome.Conflict, SessionLifecycle.BeginTermination(state, "again").Outcome);
        Assert.Equal("cancelled: test", state.EndReason);
    }
}

/// <summary>Every pair of states against the transition table, and the idle timeout on a clock the test sets.</summary>
public class SessionTransitionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly SessionOptions _options = new() { MaxLifetime = TimeSpan.FromHours(8), IdleTimeout = TimeSpan.FromHours(1) };

    private static readonly HashSet<(SessionStatus, SessionStatus)> Legal =
    [
        (SessionStatus.None, SessionStatus.Active),
        (SessionStatus.Active, SessionStatus.Paused), (SessionStatus.Active, SessionStatus.Terminating),
        (SessionStatus.Paused, SessionStatus.Resuming), (SessionStatus.Paused, SessionStatus.Terminating),
        (SessionStatus.Resuming, SessionStatus.Active), (SessionStatus.Resuming, SessionStatus.Terminating),
        (SessionStatus.Terminating, SessionStatus.Completed), (SessionStatus.Terminating, SessionStatus.Failed),
    ];

    public static TheoryData<SessionStatus, SessionStatus> AllPairs()
    {
        var data = new TheoryData<SessionStatus, SessionStatus>();
        foreach (var from in Enum.GetValues<SessionStatus>())
            foreach (var to in Enum.GetValues<SessionStatus>()) data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void The_table_allows_exactly_the_lifecycle_moves(SessionStatus from, SessionStatus to) =>
        Assert.Equal(Legal.Contains((from, to)), SessionLifecycle.IsLegal(from, to));

    [Fact]
    public void Existing_enum_values_keep_their_numbers() =>
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Enum.GetValues<SessionStatus>().Select(s => (int)s));

    private static SessionState In(SessionStatus status) => new() { Status = status, CreatedAt = T0, LastActivityAt = T0, ExpiresAt = T0.AddHours(8), EndReason = status is SessionStatus.Terminating or SessionStatus.Completed or SessionStatus.Failed ? "first" : null };

    /// <summary>Each command from each state: carried out exactly where the table allows it, and a refusal changes nothing.</summary>
    [Theory]
    [MemberData(nameof(States))]
    public void Each_command_moves_only_where_the_table_allows(SessionStatus from)
    {
        Check(from, SessionStatus.Paused, SessionLifecycle.Pause);
        Check(from, SessionStatus.Resuming, SessionLifecycle.BeginResume);
        Check(from, SessionStatus.Completed, state => SessionLifecycle.FinishTermination(state));
        Check(from, SessionStatus.Failed, state => SessionLifecycle.FinishTermination(state, "boom"));

        var ending = In(from);
        var (outcome, _) = SessionLifecycle.BeginTermination(ending, "cancelled: test");
        var expected = from == SessionStatus.None ? CommandOutcome.NotFound
            : from == SessionStatus.Terminating || Legal.Contains((from, SessionStatus.Terminating)) ? CommandOutcome.Ok : CommandOutcome.Conflict;
        Assert.Equal(expected, outcome);
        Assert.Equal(outcome == CommandOutcome.Ok ? SessionStatus.Terminating : from, ending.Status);
    }

    public static TheoryData<SessionStatus> States() => [.. Enum.GetValues<SessionStatus>()];

    private static void Check(SessionStatus from, SessionStatus to, Func<SessionState, (CommandOutcome Outcome, string? Error)> command)
    {
        var state = In(from);
        var (outcome, error) = command(state);
        var expected = from == SessionStatus.None ? CommandOutcome.NotFound : Legal.Contains((from, to)) ? CommandOutcome.Ok : CommandOutcome.Conflict;
        Assert.Equal(expected, outcome);
        Assert.Equal(outcome == CommandOutcome.Ok ? to : from, state.Status);
        Assert.Equal(outcome == CommandOutcome.Ok, error is null);
    }

    [Fact]
    public void A_termination_cut_short_continues_with_its_first_reason_and_a_failure_is_recorded()
    {
        var state = In(SessionStatus.Terminating);
        Assert.Equal(CommandOutcome.Ok, SessionLifecycle.BeginTermination(state, "second").Outcome);
        Assert.Equal("first", state.EndReason);
        SessionLifecycle.FinishTermination(state, "workflow w-1 could not be cancelled");
        Assert.Equal(SessionStatus.Failed, state.Status);
        Assert.Equal("first; failed: workflow w-1 could not be cancelled", state.EndReason);
        Assert.Equal(CommandOutcome.Conflict, SessionLifecycle.CanSubmit(state, T0, _options).Outcome);
        Assert.Equal(CommandOutcome.Conflict, SessionLifecycle.CanComplete(state).Outcome);
    }

    [Fact]
    public void An_idle_session_ends_after_the_idle_timeout_counted_from_its_last_activity()
    {
        var state = In(SessionStatus.Active);
        Assert.Null(SessionLifecycle.EndDue(state, T0.AddHours(1).AddTicks(-1), _options));
        Assert.Equal("idle", SessionLifecycle.EndDue(state, T0.AddHours(1), _options));

        SessionLifecycle.Touch(state, T0.AddMinutes(30));
        SessionLifecycle.Touch(state, T0.AddMinutes(10)); // an older moment never moves it back
        Assert.Null(SessionLifecycle.EndDue(state, T0.AddHours(1), _options));
        Assert.Equal("idle", SessionLifecycle.EndDue(state, T0.AddMinutes(90), _options));

        state.Status = SessionStatus.Paused; // a paused session idles out too
        Assert.Equal("idle", SessionLifecycle.EndDue(state, T0.AddMinutes(90), _options));
    }

    [Fact]
    public void A_running_request_keeps_a_session_from_idling_but_not_past_its_lifetime()
    {
        var state = In(SessionStatus.Active);
        state.Requests.Add(new RequestRecord { Status = WorkflowStatus.Running });
        Assert.Null(SessionLifecycle.EndDue(state, T0.AddHours(7), _options));
        Assert.Equal("expired", SessionLifecycle.EndDue(state, T0.AddHours(8), _options));
    }

    [Fact]
    public void At_the_lifetime_expiry_wins_over_idleness_and_ended_or_ending_sessions_are_never_due()
    {
        Assert.Equal("expired", SessionLifecycle.EndDue(In(SessionStatus.Active), T0.AddHours(9), _options));
        foreach (var status in new[] { SessionStatus.None, SessionStatus.Terminating, SessionStatus.Completed, SessionStatus.Failed })
            Assert.Null(SessionLifecycle.EndDue(In(status), T0.AddHours(9), _options));
    }
}
