using System.Collections.Immutable;
using System.Text;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// The workflow engine, free of Orleans: it changes a <see cref="WorkflowState"/> as steps start,
/// finish, fail, retry or time out, and returns the transitions to announce. The grain persists
/// the state, then announces, then dispatches.
/// </summary>
public sealed class WorkflowExecution(WorkflowState state, WorkflowOptions options)
{
    /// <summary>The longest excerpt of a dependency's output passed to the next agent.</summary>
    public const int MaxContextCharsPerDependency = 4_000;

    /// <summary>Gets the state the engine works on.</summary>
    public WorkflowState State => state;

    /// <summary>Gets whether the workflow is running.</summary>
    public bool IsRunning => state.Status == WorkflowStatus.Running;

    /// <summary>Sets up a new workflow for a validated plan.</summary>
    public IReadOnlyList<WorkflowTransition> Start(StartWorkflowInput input, DateTimeOffset now)
    {
        state.SessionKey = input.SessionKey;
        state.RequestText = input.RequestText;
        state.Plan = input.Plan;
        state.Status = WorkflowStatus.Running;
        state.CreatedAt = now;
        state.Steps = input.Plan.Steps.ToDictionary(s => s.Id, _ => new StepState());
        return [new(SessionEventKind.WorkflowStarted, nameof(WorkflowStatus.Running), Message: $"{input.Plan.Steps.Length} steps planned")];
    }

    /// <summary>Marks every step that may start now as running, with its next attempt number.</summary>
    public IReadOnlyList<WorkflowTransition> StartReadySteps(DateTimeOffset now)
    {
        if (!IsRunning) return [];
        var started = new List<WorkflowTransition>();
        foreach (var step in DagScheduler.ReadySteps(state.Plan, state.Steps, now, options.MaxParallelSteps))
        {
            var stepState = state.Steps[step.Id];
            stepState.Status = StepStatus.Running;
            stepState.Attempts++;
            stepState.StartedAt = now;
            stepState.NextAttemptAt = null;
            started.Add(new(SessionEventKind.StepStarted, nameof(StepStatus.Running), step.Id, step.Agent, stepState.Attempts));
        }

        return started;
    }

    /// <summary>Applies an agent's result; a result for another attempt, or for a step not running, is ignored.</summary>
    public IReadOnlyList<WorkflowTransition> Apply(StepResult result, DateTimeOffset now, double unitRandom)
    {
        if (!IsRunning || !state.Steps.TryGetValue(result.StepId, out var stepState)) return [];
        if (stepState.Status != StepStatus.Running || stepState.Attempts != result.Attempt) return [];
        var step = state.Plan.Steps.First(s => s.Id == result.StepId);

        if (result.Succeeded)
        {
            stepState.Status = StepStatus.Completed;
            stepState.FinishedAt = now;
            stepState.Output = result.Output;
            var transitions = new List<WorkflowTransition> { new(SessionEventKind.StepCompleted, nameof(StepStatus.Completed), step.Id, step.Agent, result.Attempt, FirstLine(result.Output)) };
            if (state.Steps.Values.All(s => s.Status == StepStatus.Completed))
            {
                Finish(WorkflowStatus.Completed, now, error: null);
                transitions.Add(new(SessionEventKind.WorkflowCompleted, nameof(WorkflowStatus.Completed), Message: $"{state.Steps.Count} steps completed"));
            }

            return transitions;
        }

        stepState.Error = result.Error;
        if (result.Retryable && stepState.Attempts < options.MaxAttempts)
        {
            var delay = RetryBackoff.Delay(stepState.Attempts + 1, options.RetryBaseDelay, options.RetryMaxDelay, unitRandom);
            stepState.Status = StepStatus.Pending;
            stepState.NextAttemptAt = now + delay;
            return [new(SessionEventKind.StepRetrying, nameof(StepStatus.Pending), step.Id, step.Agent, result.Attempt, $"attempt {result.Attempt} failed ({result.Error}); retrying in {delay.TotalSeconds:0.#} s")];
        }

        stepState.Status = StepStatus.Failed;
        stepState.FinishedAt = now;
        var error = $"step '{step.Id}' failed after {stepState.Attempts} attempt(s): {result.Error}";
        Finish(WorkflowStatus.Failed, now, error);
        return
        [
            new(SessionEventKind.StepFailed, nameof(StepStatus.Failed), step.Id, step.Agent, result.Attempt, result.Error),
            new(SessionEventKind.WorkflowFailed, nameof(WorkflowStatus.Failed), Message: error),
        ];
    }

    /// <summary>Fails (retryably) every running attempt that has run longer than the step timeout.</summary>
    public IReadOnlyList<WorkflowTransition> TimeOutOverdueSteps(DateTimeOffset now, double unitRandom)
    {
        var overdue = state.Steps
            .Where(s => s.Value is { Status: StepStatus.Running, StartedAt: { } started } && now - started > options.StepTimeout)
            .Select(s => new StepResult { StepId = s.Key, Attempt = s.Value.Attempts, Error = $"timed out after {options.StepTimeout.TotalSeconds:0} s", Retryable = true })
            .ToList();
        return [.. overdue.SelectMany(result => Apply(result, now, unitRandom))];
    }

    /// <summary>Cancels a running workflow; steps not yet finished are marked cancelled.</summary>
    public IReadOnlyList<WorkflowTransition> Cancel(string reason, DateTimeOffset now)
    {
        if (!IsRunning) return [];
        Finish(WorkflowStatus.Cancelled, now, $"cancelled: {reason}");
        return [new(SessionEventKind.WorkflowCancelled, nameof(WorkflowStatus.Cancelled), Message: reason)];
    }

    /// <summary>Gets the running steps with their current attempt.</summary>
    public IEnumerable<(PlanStep Step, int Attempt)> RunningSteps() =>
        state.Plan.Steps.Where(s => state.Steps[s.Id].Status == StepStatus.Running).Select(s => (s, state.Steps[s.Id].Attempts));

    /// <summary>Gets how long until the earliest waiting retry may start, if one waits.</summary>
    public TimeSpan? TimeUntilNextRetry(DateTimeOffset now)
    {
        var next = state.Steps.Values.Where(s => s.Status == StepStatus.Pending && s.NextAttemptAt is not null).Min(s => s.NextAttemptAt);
        return next is null ? null : next.Value > now ? next.Value - now : TimeSpan.Zero;
    }

    /// <summary>Gets the outputs of a step's dependencies, as context for its agent.</summary>
    public string ContextFor(PlanStep step)
    {
        var context = new StringBuilder();
        foreach (var dependency in step.DependsOn.IsDefault ? [] : step.DependsOn)
        {
            var output = state.Steps[dependency].Output ?? "";
            context.Append("## Output of step '").Append(dependency).AppendLine("'")
                .AppendLine(output.Length > MaxContextCharsPerDependency ? output[..MaxContextCharsPerDependency] + "…" : output);
        }

        return context.ToString();
    }

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
        Steps = [.. state.Plan.Steps.Select(step => ToSnapshot(step, state.Steps[step.Id]))],
        ParallelGroups = state.Plan.Steps.IsDefaultOrEmpty ? [] : DagScheduler.ParallelGroups(state.Plan),
    };

    private void Finish(WorkflowStatus status, DateTimeOffset now, string? error)
    {
        state.Status = status;
        state.FinishedAt = now;
        state.Error = error;
        foreach (var stepState in state.Steps.Values.Where(s => s.Status is StepStatus.Pending or StepStatus.Running))
        {
            stepState.Status = StepStatus.Cancelled;
            stepState.NextAttemptAt = null;
        }
    }

    private static StepSnapshot ToSnapshot(PlanStep step, StepState stepState) => new()
    {
        Id = step.Id,
        Agent = step.Agent,
        DependsOn = step.DependsOn.IsDefault ? ImmutableArray<string>.Empty : step.DependsOn,
        Status = stepState.Status,
        Attempts = stepState.Attempts,
        StartedAt = stepState.StartedAt,
        FinishedAt = stepState.FinishedAt,
        Output = stepState.Output,
        Error = stepState.Error,
    };

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].Trim();
}
