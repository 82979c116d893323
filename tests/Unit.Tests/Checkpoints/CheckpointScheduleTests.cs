using TDeveloper.Grains.Checkpoints;

namespace TDeveloper.Unit.Tests.Checkpoints;

/// <summary>When a session checkpoints: scheduled only when something may have changed; changes at most once per debounce.</summary>
public sealed class CheckpointScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_scheduled_checkpoint_runs_while_a_request_runs_or_after_activity_and_never_for_an_idle_session()
    {
        Assert.False(CheckpointSchedule.ScheduledDue(since: T0, lastActivityAt: T0, runningRequests: 0)); // new, never used
        Assert.True(CheckpointSchedule.ScheduledDue(T0, T0, runningRequests: 1));
        Assert.True(CheckpointSchedule.ScheduledDue(T0, T0.AddSeconds(1), 0));
        Assert.False(CheckpointSchedule.ScheduledDue(T0.AddMinutes(5), T0.AddSeconds(1), 0));
    }

    [Fact]
    public void A_change_waits_out_the_rest_of_the_debounce()
    {
        var debounce = TimeSpan.FromSeconds(30);

        Assert.Equal(TimeSpan.Zero, CheckpointSchedule.ChangeDelay(null, T0, debounce));
        Assert.Equal(TimeSpan.FromSeconds(20), CheckpointSchedule.ChangeDelay(T0, T0.AddSeconds(10), debounce));
        Assert.Equal(TimeSpan.Zero, CheckpointSchedule.ChangeDelay(T0, T0.AddSeconds(30), debounce));
        Assert.Equal(TimeSpan.Zero, CheckpointSchedule.ChangeDelay(T0, T0.AddMinutes(2), debounce));
    }
}
