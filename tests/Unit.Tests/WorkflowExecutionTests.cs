using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class WorkflowExecutionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly WorkflowOptions _options = new() { MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromSeconds(1), StepTimeout = TimeSpan.FromSeconds(30) };

    private WorkflowExecution Started(params string[] steps)
    {
        var execution = new WorkflowExecution(new WorkflowState(), _options);
        execution.Start(new StartWorkflowInput { SessionKey = "t/s", RequestText = "r", Plan = PlanFactory.Of(steps) }, T0);
        return execution;
    }

    private static StepResult Success(string step, int attempt = 1) => new() { StepId = step, Attempt = attempt, Succeeded = true, Output = $"{step} done\nmore" };

    [Fact]
    public void Independent_steps_start_together_and_the_join_starts_when_both_completed()
    {
        var run = Started("a", "b", "c:a,b");

        Assert.Equal(["a", "b"], run.StartReadySteps(T0).Select(t => t.StepId));
        run.Apply(Success("a"), T0, 0.5);
        Assert.Empty(run.StartReadySteps(T0));
        run.Apply(Success("b"), T0, 0.5);
        Assert.Equal(["c"], run.StartReadySteps(T0).Select(t => t.StepId));

        var last = run.Apply(Success("c"), T0, 0.5);

        Assert.Equal([SessionEventKind.StepCompleted, SessionEventKind.WorkflowCompleted], last.Select(t => t.Kind));
        Assert.Equal(WorkflowStatus.Completed, run.State.Status);
        Assert.Equal("c done", last[0].Message);
    }

    [Fact]
    public void A_dependent_step_gets_its_dependencies_outputs_as_context()
    {
        var run = Started("a", "b:a");
        run.StartReadySteps(T0);
        run.Apply(Success("a"), T0, 0.5);

        Assert.Contains("a done", run.ContextFor(run.State.Plan.Steps[1]));
    }

    [Fact]
    public void A_retryable_failure_waits_its_backoff_then_runs_a_new_attempt()
    {
        var run = Started("a");
        run.StartReadySteps(T0);

        var retry = Assert.Single(run.Apply(new StepResult { StepId = "a", Attempt = 1, Error = "429", Retryable = true }, T0, 0.5));

        Assert.Equal(SessionEventKind.StepRetrying, retry.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), run.TimeUntilNextRetry(T0));
        Assert.Empty(run.StartReadySteps(T0));
        var again = Assert.Single(run.StartReadySteps(T0.AddSeconds(1)));
        Assert.Equal(2, again.Attempt);
    }

    [Fact]
    public void The_last_failed_attempt_fails_the_workflow_keeps_the_error_and_cancels_the_rest()
    {
        var run = Started("a", "b:a");
        run.StartReadySteps(T0);
        run.Apply(new StepResult { StepId = "a", Attempt = 1, Error = "boom", Retryable = false }, T0, 0.5);

        Assert.Equal(WorkflowStatus.Failed, run.State.Status);
        Assert.Equal("boom", run.State.Steps["a"].Error);
        Assert.Equal(StepStatus.Cancelled, run.State.Steps["b"].Status);
        Assert.Contains("boom", run.State.Error);
    }

    [Fact]
    public void Results_of_stale_attempts_and_duplicates_are_ignored()
    {
        var run = Started("a");
        run.StartReadySteps(T0);
        run.Apply(new StepResult { StepId = "a", Attempt = 1, Error = "x", Retryable = true }, T0, 0.5);
        run.StartReadySteps(T0.AddMinutes(1));

        Assert.Empty(run.Apply(Success("a", attempt: 1), T0, 0.5));
        Assert.NotEmpty(run.Apply(Success("a", attempt: 2), T0, 0.5));
        Assert.Empty(run.Apply(Success("a", attempt: 2), T0, 0.5));
    }

    [Fact]
    public void An_attempt_past_the_step_timeout_counts_as_a_retryable_failure()
    {
        var run = Started("a");
        run.StartReadySteps(T0);

        Assert.Empty(run.TimeOutOverdueSteps(T0.AddSeconds(30), 0.5));
        var timedOut = Assert.Single(run.TimeOutOverdueSteps(T0.AddSeconds(31), 0.5));

        Assert.Equal(SessionEventKind.StepRetrying, timedOut.Kind);
        Assert.Contains("timed out", run.State.Steps["a"].Error);
    }

    [Fact]
    public void Cancelling_stops_the_workflow_and_later_results_change_nothing()
    {
        var run = Started("a");
        run.StartReadySteps(T0);

        Assert.Single(run.Cancel("user asked", T0));
        Assert.Empty(run.Apply(Success("a"), T0, 0.5));
        Assert.Equal(WorkflowStatus.Cancelled, run.State.Status);
        Assert.Empty(run.Cancel("again", T0));
    }

    [Fact]
    public void The_snapshot_shows_steps_in_plan_order_with_parallel_groups()
    {
        var snapshot = Started("a", "b", "c:a,b").Snapshot("w-1");

        Assert.Equal("s", snapshot.SessionId);
        Assert.Equal(["a", "b", "c"], snapshot.Steps.Select(s => s.Id));
        Assert.Equal(2, snapshot.ParallelGroups.Length);
    }
}
