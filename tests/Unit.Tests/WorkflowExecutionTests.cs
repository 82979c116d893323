using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class WorkflowExecutionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly WorkflowOptions _options = new() { MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromSeconds(1), StepTimeout = TimeSpan.FromSeconds(30) };

    private WorkflowExecution Started(WorkflowPlan plan)
    {
        var execution = new WorkflowExecution(new WorkflowState(), _options);
        execution.Start(new StartWorkflowInput { SessionKey = "t/s", RequestText = "the request", Plan = plan }, T0);
        return execution;
    }

    private WorkflowExecution Started(params string[] steps) => Started(PlanFactory.Of(steps));

    private static StepResult Success(string step, int attempt = 1) => new() { StepId = step, Attempt = attempt, Succeeded = true, Output = $"{step} done\nmore" };

    private static StepResult Failure(string step, bool retryable = false, int attempt = 1) => new() { StepId = step, Attempt = attempt, Error = $"{step} broke", Retryable = retryable };

    private static string[] Started(IEnumerable<WorkflowTransition> transitions) => [.. transitions.Where(t => t.IsDispatch).Select(t => t.StepId!)];

    [Fact]
    public void Independent_steps_start_together_and_the_join_starts_when_both_completed()
    {
        var run = Started("a", "b", "c:a,b");

        Assert.Equal(["a", "b"], Started(run.Advance(T0)));
        Assert.Empty(Started(run.Apply(Success("a"), T0, 0.5)));
        Assert.Equal(["c"], Started(run.Apply(Success("b"), T0, 0.5)));

        var last = run.Apply(Success("c"), T0, 0.5);

        Assert.Equal([SessionEventKind.StepCompleted, SessionEventKind.WorkflowCompleted], last.Select(t => t.Kind));
        Assert.Equal(WorkflowStatus.Completed, run.State.Status);
        Assert.Equal("c done", last[0].Message);
    }

    [Fact]
    public void A_dependent_step_gets_its_dependencies_outputs_as_context_and_in_its_instruction()
    {
        var plan = PlanFactory.Of("a", "b:a");
        plan = plan with { Steps = plan.Steps.SetItem(1, plan.Steps[1] with { Instruction = "use {{steps.a.output}} for {{request}}" }) };
        var run = Started(plan);
        run.Advance(T0);
        run.Apply(Success("a"), T0, 0.5);

        Assert.Contains("a done", run.ContextFor(run.State.Plan.Steps[1]));
        Assert.Equal("use a done\nmore for the request", run.InstructionFor(run.State.Plan.Steps[1], compensation: false));
    }

    [Fact]
    public void A_retryable_failure_waits_its_backoff_then_runs_a_new_attempt()
    {
        var run = Started("a");
        run.Advance(T0);

        var retry = Assert.Single(run.Apply(Failure("a", retryable: true), T0, 0.5));

        Assert.Equal(SessionEventKind.StepRetrying, retry.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), run.TimeUntilNextWakeUp(T0));
        Assert.Empty(run.Advance(T0));
        var again = Assert.Single(run.Advance(T0.AddSeconds(1)));
        Assert.Equal(2, again.Attempt);
    }

    [Fact]
    public void A_step_may_ask_for_more_attempts_than_the_default()
    {
        var plan = PlanFactory.Of("a");
        var run = Started(plan with { Steps = [plan.Steps[0] with { MaxAttempts = 3 }] });
        run.Advance(T0);
        run.Apply(Failure("a", retryable: true), T0, 0.5);
        run.Advance(T0.AddMinutes(1));

        Assert.Equal(SessionEventKind.StepRetrying, Assert.Single(run.Apply(Failure("a", retryable: true, attempt: 2), T0.AddMinutes(1), 0.5)).Kind);
    }

    [Fact]
    public void The_last_failed_attempt_fails_the_workflow_keeps_the_error_and_cancels_the_rest()
    {
        var run = Started("a", "b:a");
        run.Advance(T0);
        run.Apply(Failure("a"), T0, 0.5);

        Assert.Equal(WorkflowStatus.Failed, run.State.Status);
        Assert.Equal("a broke", run.State.Steps["a"].Error);
        Assert.Equal(StepStatus.Cancelled, run.State.Steps["b"].Status);
        Assert.Contains("a broke", run.State.Error);
    }

    [Fact]
    public void Continue_policy_skips_hard_dependents_and_runs_soft_ones()
    {
        var plan = PlanFactory.Of("a", "hard:a", "after");
        plan = plan with { Steps = [plan.Steps[0] with { OnFailure = FailurePolicy.Continue }, plan.Steps[1], plan.Steps[2] with { SoftDependsOn = ["a"] }] };
        var run = Started(plan);
        Assert.Equal(["a"], Started(run.Advance(T0)));

        var transitions = run.Apply(Failure("a"), T0, 0.5);

        Assert.Contains(transitions, t => t.Kind == SessionEventKind.StepSkipped && t.StepId == "hard");
        Assert.Equal(["after"], Started(transitions));
        run.Apply(Success("after"), T0, 0.5);
        Assert.Equal(WorkflowStatus.Completed, run.State.Status);
    }

    [Fact]
    public void A_step_whose_condition_fails_is_skipped_and_so_are_its_hard_dependents()
    {
        var plan = PlanFactory.Of("a", "b:a", "c:b");
        plan = plan with { Steps = plan.Steps.SetItem(1, plan.Steps[1] with { Condition = "steps.a.output contains 'deploy'" }) };
        var run = Started(plan);
        run.Advance(T0);

        var transitions = run.Apply(Success("a"), T0, 0.5);

        Assert.Equal(["b", "c"], transitions.Where(t => t.Kind == SessionEventKind.StepSkipped).Select(t => t.StepId));
        Assert.Equal(WorkflowStatus.Completed, run.State.Status);
    }

    [Fact]
    public void Compensation_undoes_completed_steps_newest_first_then_ends_compensated()
    {
        var plan = new WorkflowPlan
        {
            Steps =
            [
                new() { Id = "a", Agent = AgentNames.Code, Instruction = "a", CompensationInstruction = "undo a" },
                new() { Id = "b", Agent = AgentNames.Code, Instruction = "b", DependsOn = ["a"], CompensationInstruction = "undo b" },
                new() { Id = "c", Agent = AgentNames.Code, Instruction = "c", DependsOn = ["b"], OnFailure = FailurePolicy.Compensate },
            ],
        };
        var run = Started(plan);
        run.Advance(T0);
        run.Apply(Success("a"), T0, 0.5);
        run.Apply(Success("b"), T0.AddSeconds(1), 0.5);

        var failing = run.Apply(Failure("c"), T0.AddSeconds(2), 0.5);

        Assert.Equal(WorkflowStatus.Compensating, run.State.Status);
        var first = Assert.Single(failing, t => t.IsDispatch);
        Assert.True(first.Compensation);
        Assert.Equal("b", first.StepId);
        Assert.StartsWith("undo b", run.InstructionFor(plan.Steps[1], compensation: true));

        var second = run.Apply(new StepResult { StepId = "b", Compensation = true, Succeeded = true, Output = "b undone" }, T0, 0.5);
        Assert.Equal("a", Assert.Single(second, t => t.IsDispatch).StepId);
        var done = run.Apply(new StepResult { StepId = "a", Compensation = true, Succeeded = true, Output = "a undone" }, T0, 0.5);

        Assert.Contains(done, t => t.Kind == SessionEventKind.WorkflowCompensated);
        Assert.Equal(WorkflowStatus.Compensated, run.State.Status);
        Assert.Equal(StepStatus.Compensated, run.State.Steps["a"].Status);
        Assert.Equal("b undone", run.State.Steps["b"].CompensationOutput);
        Assert.Equal(StepStatus.Failed, run.State.Steps["c"].Status);
    }

    [Fact]
    public void An_approval_step_waits_for_a_decision_and_a_rejection_fails_it()
    {
        var plan = new WorkflowPlan
        {
            Steps = [new() { Id = "ok", Kind = StepKind.Approval, Instruction = "approve {{request}}" }, new() { Id = "after", Agent = AgentNames.Docs, Instruction = "x", DependsOn = ["ok"] }],
        };
        var run = Started(plan);

        var waiting = Assert.Single(run.Advance(T0));
        Assert.Equal(SessionEventKind.StepAwaitingApproval, waiting.Kind);
        Assert.Equal("approve the request", waiting.Message);
        Assert.False(run.NeedsResume);
        Assert.Equal(CommandOutcome.NotFound, run.Decide(new ApprovalDecision { StepId = "nope", Approved = true }, T0).Outcome);

        var (outcome, _, transitions) = run.Decide(new ApprovalDecision { StepId = "ok", Approved = true, DecidedBy = "ana", Comment = "ship it" }, T0);

        Assert.Equal(CommandOutcome.Ok, outcome);
        Assert.Equal("approved by ana: ship it", run.State.Steps["ok"].Output);
        Assert.Equal(["after"], Started(transitions));
        Assert.Equal(CommandOutcome.Conflict, run.Decide(new ApprovalDecision { StepId = "ok", Approved = false }, T0).Outcome);

        var rejected = Started(plan);
        rejected.Advance(T0);
        rejected.Decide(new ApprovalDecision { StepId = "ok", Approved = false, DecidedBy = "bo" }, T0);
        Assert.Equal(WorkflowStatus.Failed, rejected.State.Status);
        Assert.Equal("rejected by bo", rejected.State.Steps["ok"].Error);
    }

    [Fact]
    public void A_paused_workflow_starts_nothing_until_resumed()
    {
        var run = Started("a", "b:a");
        run.Advance(T0);

        Assert.Equal(CommandOutcome.Ok, run.Pause().Outcome);
        Assert.Equal(CommandOutcome.Conflict, run.Pause().Outcome);
        Assert.Empty(Started(run.Apply(Success("a"), T0, 0.5)));
        Assert.Equal(StepStatus.Completed, run.State.Steps["a"].Status);

        var (outcome, _, transitions) = run.Resume(T0);
        Assert.Equal(CommandOutcome.Ok, outcome);
        Assert.Equal(["b"], Started(transitions));
    }

    [Fact]
    public void Results_of_stale_attempts_and_duplicates_are_ignored()
    {
        var run = Started("a");
        run.Advance(T0);
        run.Apply(Failure("a", retryable: true), T0, 0.5);
        run.Advance(T0.AddMinutes(1));

        Assert.Empty(run.Apply(Success("a", attempt: 1), T0, 0.5));
        Assert.NotEmpty(run.Apply(Success("a", attempt: 2), T0, 0.5));
        Assert.Empty(run.Apply(Success("a", attempt: 2), T0, 0.5));
    }

    [Fact]
    public void An_attempt_past_its_step_timeout_counts_as_a_retryable_failure()
    {
        var plan = PlanFactory.Of("a", "slow");
        var run = Started(plan with { Steps = plan.Steps.SetItem(1, plan.Steps[1] with { Timeout = TimeSpan.FromMinutes(10) }) });
        run.Advance(T0);

        Assert.Equal(TimeSpan.FromSeconds(30).Add(TimeSpan.FromMilliseconds(1)), run.TimeUntilNextWakeUp(T0));
        Assert.Empty(run.TimeOutOverdueSteps(T0.AddSeconds(30), 0.5));
        var timedOut = Assert.Single(run.TimeOutOverdueSteps(T0.AddSeconds(31), 0.5));

        Assert.Equal("a", timedOut.StepId);
        Assert.Equal(SessionEventKind.StepRetrying, timedOut.Kind);
        Assert.Contains("timed out", run.State.Steps["a"].Error);
    }

    [Fact]
    public void Cancelling_stops_the_workflow_and_later_results_change_nothing()
    {
        var run = Started("a");
        run.Advance(T0);

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
