using System.Collections.Immutable;
using System.Text;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// The workflow engine, free of Orleans: it changes a <see cref="WorkflowState"/> as steps start,
/// finish, fail, retry, time out, wait for approval, are skipped or compensated, and returns the
/// transitions to announce. The grain persists the state, then announces, then dispatches.
/// </summary>
public sealed class WorkflowExecution(WorkflowState state, WorkflowOptions options)
{
    /// <summary>Gets the state the engine works on.</summary>
    public WorkflowState State => state;

    /// <summary>Gets whether the workflow has not reached a final state.</summary>
    public bool IsActive => state.Status.IsActive();

    /// <summary>
    /// Gets whether work is with an agent or a retry is waiting, so the resume reminder is needed. Steps that
    /// wait only for their dependencies, or for a person's approval, need none.
    /// </summary>
    public bool NeedsResume =>
        state.Status == WorkflowStatus.Compensating ||
        (IsActive && state.Steps.Values.Any(s => s.Status == StepStatus.Running || (s.Status == StepStatus.Pending && s.NextAttemptAt is not null)));

    /// <summary>Sets up a new workflow for a validated plan.</summary>
    public IReadOnlyList<WorkflowTransition> Start(StartWorkflowInput input, DateTimeOffset now)
    {
        state.SessionKey = input.SessionKey;
        state.RequestText = input.RequestText;
        state.Attachments = input.Attachments.IsDefault ? [] : input.Attachments;
        state.TraceParent = input.TraceParent;
        state.Plan = input.Plan;
        state.Status = WorkflowStatus.Running;
        state.CreatedAt = now;
        state.Steps = input.Plan.Steps.ToDictionary(s => s.Id, _ => new StepState());
        return [new(SessionEventKind.WorkflowStarted, nameof(WorkflowStatus.Running), Message: $"{input.Plan.Steps.Length} steps planned")];
    }

    /// <summary>
    /// Moves the workflow on: skips steps that can no longer run, starts (or asks approval for) every
    /// step that may start, hands the next compensation over, and finishes the workflow when nothing is left.
    /// </summary>
    public IReadOnlyList<WorkflowTransition> Advance(DateTimeOffset now)
    {
        var transitions = new List<WorkflowTransition>();
        if (state.Status == WorkflowStatus.Compensating)
        {
            AdvanceCompensation(now, transitions);
            return transitions;
        }

        if (state.Status != WorkflowStatus.Running) return transitions;
        bool changed;
        do
        {
            changed = SkipUnreachable(now, transitions);
            foreach (var step in DagScheduler.ReadySteps(state.Plan, state.Steps, now, options.MaxParallelSteps))
            {
                changed = true;
                StartStep(step, now, transitions);
            }
        }
        while (changed);

        if (!state.Steps.Values.Any(s => s.Status is StepStatus.Pending or StepStatus.Running or StepStatus.AwaitingApproval))
        {
            Finish(WorkflowStatus.Completed, now, error: null);
            var completed = state.Steps.Values.Count(s => s.Status == StepStatus.Completed);
            transitions.Add(new(SessionEventKind.WorkflowCompleted, nameof(WorkflowStatus.Completed), Message: $"{completed} of {state.Steps.Count} steps completed"));
        }

        return transitions;
    }

    /// <summary>Applies an agent's result; a result for another attempt, or for a step not running, is ignored.</summary>
    public IReadOnlyList<WorkflowTransition> Apply(StepResult result, DateTimeOffset now, double unitRandom)
    {
        if (!state.Steps.TryGetValue(result.StepId, out var stepState)) return [];
        var step = StepById(result.StepId);
        if (result.Compensation) return ApplyCompensation(step, stepState, result, now);
        if (!IsActive || stepState.Status != StepStatus.Running || stepState.Attempts != result.Attempt) return [];

        RecordModelUse(stepState, result);
        if (result.Succeeded)
        {
            stepState.Status = StepStatus.Completed;
            stepState.FinishedAt = now;
            stepState.Output = result.Output;
            stepState.FilesChanged = result.FilesChanged;
            return [new(SessionEventKind.StepCompleted, nameof(StepStatus.Completed), step.Id, step.Agent, result.Attempt, FirstLine(result.Output)), .. Advance(now)];
        }

        stepState.Error = result.Error;
        if (result.Retryable && stepState.Attempts < (step.MaxAttempts ?? options.MaxAttempts))
        {
            var delay = RetryBackoff.Delay(stepState.Attempts + 1, options.RetryBaseDelay, options.RetryMaxDelay, unitRandom);
            stepState.Status = StepStatus.Pending;
            stepState.NextAttemptAt = now + delay;
            return [new(SessionEventKind.StepRetrying, nameof(StepStatus.Pending), step.Id, step.Agent, result.Attempt, $"attempt {result.Attempt} failed ({result.Error}); retrying in {delay.TotalSeconds:0.#} s")];
        }

        return FailStep(step, stepState, result.Error ?? "failed", now);
    }

    /// <summary>Records a person's decision on a step waiting for approval.</summary>
    public (CommandOutcome Outcome, string? Error, IReadOnlyList<WorkflowTransition> Transitions) Decide(ApprovalDecision decision, DateTimeOffset now)
    {
        if (!state.Steps.TryGetValue(decision.StepId, out var stepState)) return (CommandOutcome.NotFound, $"The workflow has no step '{decision.StepId}'.", []);
        if (stepState.Status != StepStatus.AwaitingApproval) return (CommandOutcome.Conflict, $"Step '{decision.StepId}' is {stepState.Status}, not waiting for approval.", []);
        if (state.Status != WorkflowStatus.Running) return (CommandOutcome.Conflict, $"The workflow is {state.Status}.", []);

        var step = StepById(decision.StepId);
        var verdict = $"{(decision.Approved ? "approved" : "rejected")} by {decision.DecidedBy}" + (string.IsNullOrWhiteSpace(decision.Comment) ? "" : $": {decision.Comment}");
        if (!decision.Approved) return (CommandOutcome.Ok, null, FailStep(step, stepState, verdict, now));

        stepState.Status = StepStatus.Completed;
        stepState.FinishedAt = now;
        stepState.Output = verdict;
        return (CommandOutcome.Ok, null, [new(SessionEventKind.StepCompleted, nameof(StepStatus.Completed), step.Id, step.Agent, stepState.Attempts, verdict), .. Advance(now)]);
    }

    /// <summary>Fails (retryably) every running attempt that has run longer than its step's timeout.</summary>
    public IReadOnlyList<WorkflowTransition> TimeOutOverdueSteps(DateTimeOffset now, double unitRandom)
    {
        var overdue = state.Plan.Steps
            .Select(step => (Step: step, State: state.Steps[step.Id], Timeout: step.Timeout ?? options.StepTimeout))
            .Where(s => s.State is { Status: StepStatus.Running, StartedAt: { } started } && now - started > s.Timeout)
            .Select(s => new StepResult { StepId = s.Step.Id, Attempt = s.State.Attempts, Error = $"timed out after {s.Timeout.TotalSeconds:0.#} s", Retryable = true })
            .ToList();
        return [.. overdue.SelectMany(result => Apply(result, now, unitRandom))];
    }

    /// <summary>Pauses a running workflow.</summary>
    public (CommandOutcome Outcome, string? Error, IReadOnlyList<WorkflowTransition> Transitions) Pause()
    {
        if (state.Status != WorkflowStatus.Running) return (CommandOutcome.Conflict, $"Only a running workflow can be paused; it is {state.Status}.", []);
        state.Status = WorkflowStatus.Paused;
        return (CommandOutcome.Ok, null, [new(SessionEventKind.WorkflowPaused, nameof(WorkflowStatus.Paused))]);
    }

    /// <summary>Resumes a paused workflow and starts what may start.</summary>
    public (CommandOutcome Outcome, string? Error, IReadOnlyList<WorkflowTransition> Transitions) Resume(DateTimeOffset now)
    {
        if (state.Status != WorkflowStatus.Paused) return (CommandOutcome.Conflict, $"Only a paused workflow can be resumed; it is {state.Status}.", []);
        state.Status = WorkflowStatus.Running;
        return (CommandOutcome.Ok, null, [new(SessionEventKind.WorkflowResumed, nameof(WorkflowStatus.Running)), .. Advance(now)]);
    }

    /// <summary>Cancels an active workflow; steps not yet finished are marked cancelled.</summary>
    public IReadOnlyList<WorkflowTransition> Cancel(string reason, DateTimeOffset now)
    {
        if (!IsActive) return [];
        Finish(WorkflowStatus.Cancelled, now, $"cancelled: {reason}");
        return [new(SessionEventKind.WorkflowCancelled, nameof(WorkflowStatus.Cancelled), Message: reason)];
    }

    /// <summary>Gets the work that is with an agent now: running steps, and the compensation in progress.</summary>
    public IEnumerable<(PlanStep Step, int Attempt, bool Compensation)> InFlight()
    {
        if (state.Status == WorkflowStatus.Compensating && state.CompensationQueue.Count > 0)
        {
            yield return (StepById(state.CompensationQueue[0]), state.Steps[state.CompensationQueue[0]].Attempts, true);
        }

        foreach (var step in state.Plan.Steps.Where(s => state.Steps[s.Id].Status == StepStatus.Running))
        {
            yield return (step, state.Steps[step.Id].Attempts, false);
        }
    }

    /// <summary>Gets the agent that runs <paramref name="step"/>: its planned one, unless a fallback moved it (<see cref="Reassign"/>).</summary>
    public string AgentOf(PlanStep step) => state.Steps.TryGetValue(step.Id, out var stepState) && stepState.Agent is { } moved ? moved : step.Agent;

    /// <summary>Gets the name of the agent instance the step's current attempt went to, or <see langword="null"/> before its first dispatch.</summary>
    public string? InstanceOf(PlanStep step) =>
        step.Kind == StepKind.Agent && state.Steps.TryGetValue(step.Id, out var stepState) && (stepState.Instance is not null || stepState.Attempts > 0)
            ? Interfaces.Agents.AgentInstances.NameOf(AgentOf(step), stepState.Instance ?? 0) : null;

    /// <summary>Leases the attempt of <paramref name="stepId"/> to instance <paramref name="instance"/> of its agent type.</summary>
    public void AssignInstance(string stepId, int instance) => state.Steps[stepId].Instance = instance == 0 ? null : instance;

    /// <summary>
    /// Moves every step not yet finished (and every compensation still to run) from agent <paramref name="from"/> to
    /// <paramref name="to"/>; returns the moved work that is in flight now, for the grain to hand to the new agent under
    /// the same attempt. Finished steps keep the agent that ran them.
    /// </summary>
    public IReadOnlyList<(PlanStep Step, int Attempt, bool Compensation)> Reassign(string from, string to)
    {
        if (!IsActive || from == to) return [];
        var moved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in state.Plan.Steps.Where(s => AgentOf(s) == from))
        {
            var stepState = state.Steps[step.Id];
            var unfinished = stepState.Status is StepStatus.Pending or StepStatus.Running or StepStatus.AwaitingApproval;
            if (!unfinished && !state.CompensationQueue.Contains(step.Id)) continue;
            stepState.Agent = to == step.Agent ? null : to;
            stepState.Instance = null; // the new type's instance is leased when the grain hands the work over
            moved.Add(step.Id);
        }

        return [.. InFlight().Where(f => moved.Contains(f.Step.Id))];
    }

    /// <summary>Gets how long until the engine has something to do by itself: a waiting retry may start, or a running attempt times out.</summary>
    public TimeSpan? TimeUntilNextWakeUp(DateTimeOffset now)
    {
        var retries = state.Steps.Values.Where(s => s.Status == StepStatus.Pending && s.NextAttemptAt is not null).Select(s => s.NextAttemptAt!.Value);
        var deadlines = state.Plan.Steps
            .Where(step => state.Steps[step.Id] is { Status: StepStatus.Running, StartedAt: not null })
            .Select(step => state.Steps[step.Id].StartedAt!.Value + (step.Timeout ?? options.StepTimeout) + TimeSpan.FromMilliseconds(1));
        var next = retries.Concat(deadlines).Cast<DateTimeOffset?>().Min();
        return next is null ? null : next.Value > now ? next.Value - now : TimeSpan.Zero;
    }

    /// <summary>Gets the instruction for an attempt of a step (or of its compensation), rendered.</summary>
    public string InstructionFor(PlanStep step, bool compensation) =>
        compensation
            ? InstructionTemplate.Render(step.CompensationInstruction ?? "", state.RequestText, state.Steps) + $"\n\n# What to undo (output of step '{step.Id}')\n{Excerpt(state.Steps[step.Id].Output)}"
            : InstructionTemplate.Render(step.Instruction, state.RequestText, state.Steps);

    /// <summary>Gets the outputs of a step's dependencies, as context for its agent.</summary>
    public string ContextFor(PlanStep step)
    {
        var context = new StringBuilder();
        foreach (var dependency in PlanGraph.All(step))
        {
            var dependencyState = state.Steps[dependency];
            context.Append("## Step '").Append(dependency).Append("' (").Append(dependencyState.Status).AppendLine(")")
                .AppendLine(Excerpt(dependencyState.Output ?? dependencyState.Error));
        }

        return context.ToString();
    }

    /// <summary>Gets the tokens and cost of the steps, each counted under the model of its latest decision.</summary>
    public UsageBreakdown Usage() => state.Steps.Values
        .Where(s => s.Usage is not null)
        .Aggregate(new UsageBreakdown(), (sum, s) => sum.Add(s.Model?.Model ?? "unknown", s.Usage!));

    /// <summary>Gets what a caller sees of the workflow.</summary>
    public WorkflowSnapshot Snapshot(string workflowId) => new()
    {
        Id = workflowId,
        SessionId = state.SessionKey.Length == 0 ? "" : Interfaces.GrainKeys.LocalIdOf(state.SessionKey),
        RequestText = state.RequestText,
        Status = state.Status,
        CreatedAt = state.CreatedAt,
        FinishedAt = state.FinishedAt,
        Error = state.Error,
        Steps = [.. state.Plan.Steps.Select(step => ToSnapshot(step, state.Steps[step.Id]) with { Agent = AgentOf(step), Instance = InstanceOf(step) })],
        ParallelGroups = state.Plan.Steps.IsDefaultOrEmpty ? [] : DagScheduler.ParallelGroups(state.Plan),
    };

    private void StartStep(PlanStep step, DateTimeOffset now, List<WorkflowTransition> transitions)
    {
        var stepState = state.Steps[step.Id];
        if (step.Condition is { } condition && !StepCondition.Parse(condition).Evaluate(state.Steps))
        {
            stepState.Status = StepStatus.Skipped;
            stepState.FinishedAt = now;
            transitions.Add(new(SessionEventKind.StepSkipped, nameof(StepStatus.Skipped), step.Id, step.Agent, Message: $"condition not met: {condition}"));
            return;
        }

        stepState.Attempts++;
        stepState.StartedAt = now;
        stepState.NextAttemptAt = null;
        if (step.Kind == StepKind.Approval)
        {
            stepState.Status = StepStatus.AwaitingApproval;
            transitions.Add(new(SessionEventKind.StepAwaitingApproval, nameof(StepStatus.AwaitingApproval), step.Id, step.Agent, stepState.Attempts, InstructionFor(step, compensation: false)));
            return;
        }

        stepState.Status = StepStatus.Running;
        transitions.Add(new(SessionEventKind.StepStarted, nameof(StepStatus.Running), step.Id, step.Agent, stepState.Attempts));
    }

    /// <summary>Skips pending steps that hard-depend on a step that finished without completing.</summary>
    private bool SkipUnreachable(DateTimeOffset now, List<WorkflowTransition> transitions)
    {
        var changed = false;
        foreach (var step in state.Plan.Steps.Where(s => state.Steps[s.Id].Status == StepStatus.Pending))
        {
            var blocker = PlanGraph.Hard(step).FirstOrDefault(d => PlanGraph.IsFinished(state.Steps[d].Status) && state.Steps[d].Status != StepStatus.Completed);
            if (blocker is null) continue;
            state.Steps[step.Id].Status = StepStatus.Skipped;
            state.Steps[step.Id].FinishedAt = now;
            transitions.Add(new(SessionEventKind.StepSkipped, nameof(StepStatus.Skipped), step.Id, step.Agent, Message: $"step '{blocker}' did not complete"));
            changed = true;
        }

        return changed;
    }

    private IReadOnlyList<WorkflowTransition> FailStep(PlanStep step, StepState stepState, string error, DateTimeOffset now)
    {
        stepState.Status = StepStatus.Failed;
        stepState.FinishedAt = now;
        stepState.Error = error;
        var failed = new WorkflowTransition(SessionEventKind.StepFailed, nameof(StepStatus.Failed), step.Id, step.Agent, stepState.Attempts, error);
        var workflowError = $"step '{step.Id}' failed after {stepState.Attempts} attempt(s): {error}";
        switch (step.OnFailure)
        {
            case FailurePolicy.Continue:
                return [failed, .. Advance(now)];
            case FailurePolicy.Compensate:
                state.Status = WorkflowStatus.Compensating;
                state.Error = workflowError;
                CancelUnfinished();
                state.CompensationQueue = [.. state.Plan.Steps
                    .Where(s => state.Steps[s.Id].Status == StepStatus.Completed && s.CompensationInstruction is not null)
                    .OrderByDescending(s => state.Steps[s.Id].FinishedAt).ThenByDescending(s => state.Plan.Steps.IndexOf(s))
                    .Select(s => s.Id)];
                var compensating = new WorkflowTransition(SessionEventKind.WorkflowCompensating, nameof(WorkflowStatus.Compensating), Message: $"undoing {state.CompensationQueue.Count} step(s): {string.Join(", ", state.CompensationQueue)}");
                return [failed, compensating, .. Advance(now)];
            default:
                Finish(WorkflowStatus.Failed, now, workflowError);
                return [failed, new(SessionEventKind.WorkflowFailed, nameof(WorkflowStatus.Failed), Message: workflowError)];
        }
    }

    private void AdvanceCompensation(DateTimeOffset now, List<WorkflowTransition> transitions)
    {
        if (state.CompensationQueue.Count == 0)
        {
            Finish(WorkflowStatus.Compensated, now, state.Error);
            transitions.Add(new(SessionEventKind.WorkflowCompensated, nameof(WorkflowStatus.Compensated), Message: state.Error));
            return;
        }

        var next = StepById(state.CompensationQueue[0]);
        if (state.CompensationInFlight == next.Id) return;
        state.CompensationInFlight = next.Id;
        transitions.Add(new(SessionEventKind.StepStarted, nameof(WorkflowStatus.Compensating), next.Id, next.Agent, state.Steps[next.Id].Attempts, "compensating", Compensation: true));
    }

    private IReadOnlyList<WorkflowTransition> ApplyCompensation(PlanStep step, StepState stepState, StepResult result, DateTimeOffset now)
    {
        if (state.Status != WorkflowStatus.Compensating || state.CompensationQueue.FirstOrDefault() != step.Id) return [];
        state.CompensationQueue.RemoveAt(0);
        RecordModelUse(stepState, result);

        // Compensation is best effort: a failed undo is recorded and the next one still runs.
        stepState.Status = StepStatus.Compensated;
        stepState.CompensationOutput = result.Succeeded ? result.Output : $"compensation failed: {result.Error}";
        var transitions = new List<WorkflowTransition> { new(SessionEventKind.StepCompensated, nameof(StepStatus.Compensated), step.Id, step.Agent, result.Attempt, FirstLine(stepState.CompensationOutput)) };
        AdvanceCompensation(now, transitions);
        return transitions;
    }

    private void Finish(WorkflowStatus status, DateTimeOffset now, string? error)
    {
        state.Status = status;
        state.FinishedAt = now;
        state.Error = error;
        CancelUnfinished();
    }

    private void CancelUnfinished()
    {
        foreach (var stepState in state.Steps.Values.Where(s => s.Status is StepStatus.Pending or StepStatus.Running or StepStatus.AwaitingApproval))
        {
            stepState.Status = StepStatus.Cancelled;
            stepState.NextAttemptAt = null;
        }
    }

    private PlanStep StepById(string id) => state.Plan.Steps.First(s => s.Id == id);

    /// <summary>Adds an attempt's tokens and cost to its step's, and keeps the latest model decision so a user sees why that model answered.</summary>
    private static void RecordModelUse(StepState stepState, StepResult result)
    {
        if (result.Usage is { } usage) stepState.Usage = (stepState.Usage ?? ModelUsage.None) + usage;
        if (result.Model is { } decision) stepState.Model = decision;
    }

    private static StepSnapshot ToSnapshot(PlanStep step, StepState stepState) => new()
    {
        Id = step.Id,
        Agent = step.Agent,
        Kind = step.Kind,
        DependsOn = [.. PlanGraph.Hard(step)],
        SoftDependsOn = [.. PlanGraph.Soft(step)],
        Condition = step.Condition,
        Status = stepState.Status,
        Attempts = stepState.Attempts,
        StartedAt = stepState.StartedAt,
        FinishedAt = stepState.FinishedAt,
        Output = stepState.Output,
        Error = stepState.Error,
        CompensationOutput = stepState.CompensationOutput,
        Model = stepState.Model,
        Usage = stepState.Usage,
        FilesChanged = stepState.FilesChanged,
    };

    private static string Excerpt(string? text) => TextExcerpt.Shorten(text, TextExcerpt.MaxStepOutputChars);

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].Trim();
}
