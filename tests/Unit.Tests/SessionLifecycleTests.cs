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
    public void Submitting_is_refused_past_the_running_limit_the_lifetime_or_the_end()
    {
        var state = Created();
        state.Requests.Add(new RequestRecord { Status = WorkflowStatus.Running });

        Assert.Equal(CommandOutcome.Conflict, SessionLifecycle.CanSubmit(state, T0, _options).Outcome);
        state.Requests[0].Status = WorkflowStatus.Completed;
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
