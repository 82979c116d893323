using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Events;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// Hosts a <see cref="WorkflowExecution"/>: persists every change before announcing it, hands
/// steps to agent grains without waiting for them, and keeps a reminder while work is in flight so
/// that another silo resumes the workflow if this one is lost. While it only waits for a person's
/// approval it holds no reminder and no timer, so the activation may be collected.
/// </summary>
public sealed partial class WorkflowGrain : DurableGrain, IWorkflowGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private readonly IPersistentState<WorkflowState> _state;
    private readonly WorkflowOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkflowGrain> _logger;
    private WorkflowExecution? _engine;
    private IGrainTimer? _wakeUp;
    private bool? _hasReminder; // null until this activation knows whether the reminder exists

    /// <summary>Creates the grain with its persisted state.</summary>
    public WorkflowGrain(
        [PersistentState("workflow", StorageNames.State)] IPersistentState<WorkflowState> state,
        IOptions<WorkflowOptions> options,
        TimeProvider time,
        ILogger<WorkflowGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    // The storage provider replaces State when it reads it during activation, so the engine follows the current object.
    private WorkflowExecution Engine => _engine?.State == _state.State ? _engine : _engine = new WorkflowExecution(_state.State, _options);

    private string WorkflowId => GrainKeys.LocalIdOf(this.GetPrimaryKeyString());

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Engine.NeedsResume) return;

        // Activated again with work in flight (after a silo loss, a restart or idle collection): make sure
        // the resume reminder exists (the embedded default keeps reminders in memory) and continue at once.
        await SyncReminderAsync();
        this.RegisterGrainTimer(ContinueAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    /// <inheritdoc/>
    public async Task<WorkflowSnapshot> StartAsync(StartWorkflowInput input)
    {
        if (_state.State.Status != WorkflowStatus.None) return Engine.Snapshot(WorkflowId);

        var problems = PlanValidator.Validate(input.Plan);
        if (!problems.IsEmpty) throw new ArgumentException($"The plan is invalid: {string.Join(" ", problems)}", nameof(input));
        if (!GrainKeys.IsValidSegment(GrainKeys.TenantOf(input.SessionKey))) throw new ArgumentException("The session key is invalid.", nameof(input));

        var now = _time.GetUtcNow();
        await CommitAsync([.. Engine.Start(input, now), .. Engine.Advance(now)]);
        LogStarted(WorkflowId, input.Plan.Steps.Length);
        return Engine.Snapshot(WorkflowId);
    }

    /// <inheritdoc/>
    public Task<WorkflowSnapshot?> GetAsync() =>
        Task.FromResult(_state.State.Status == WorkflowStatus.None ? null : Engine.Snapshot(WorkflowId));

    /// <inheritdoc/>
    public async Task<WorkflowSnapshot?> CancelAsync(string reason)
    {
        if (_state.State.Status == WorkflowStatus.None) return null;
        await CommitAsync(Engine.Cancel(reason, _time.GetUtcNow()));
        return Engine.Snapshot(WorkflowId);
    }

    /// <inheritdoc/>
    public Task<WorkflowCommandResult> PauseAsync() => CommandAsync(Engine.Pause);

    /// <inheritdoc/>
    public Task<WorkflowCommandResult> ResumeAsync() => CommandAsync(() => Engine.Resume(_time.GetUtcNow()));

    /// <inheritdoc/>
    public Task<WorkflowCommandResult> DecideAsync(ApprovalDecision decision) => CommandAsync(() => Engine.Decide(decision, _time.GetUtcNow()));

    /// <inheritdoc/>
    public async Task OnStepFinishedAsync(StepResult result)
    {
        var applied = Engine.Apply(result, _time.GetUtcNow(), Random.Shared.NextDouble());
        if (applied.Count == 0) return;
        var agent = _state.State.Plan.Steps.First(s => s.Id == result.StepId).Agent;
        TDeveloperTelemetry.StepAttemptsFinished.Add(1, new("agent", agent), new("outcome", result.Succeeded ? "succeeded" : "failed"));
        await CommitAsync(applied);
    }

    /// <inheritdoc/>
    public Task ReceiveReminder(string reminderName, TickStatus status) => ContinueAsync(CancellationToken.None);

    private async Task<WorkflowCommandResult> CommandAsync(Func<(CommandOutcome Outcome, string? Error, IReadOnlyList<WorkflowTransition> Transitions)> command)
    {
        if (_state.State.Status == WorkflowStatus.None) return WorkflowCommandResult.Refused(CommandOutcome.NotFound, "The workflow does not exist.");
        var (outcome, error, transitions) = command();
        if (outcome != CommandOutcome.Ok) return WorkflowCommandResult.Refused(outcome, error!, Engine.Snapshot(WorkflowId));
        await CommitAsync(transitions);
        return WorkflowCommandResult.Ok(Engine.Snapshot(WorkflowId));
    }

    private async Task ContinueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var transitions = Engine.TimeOutOverdueSteps(now, Random.Shared.NextDouble()).Concat(Engine.Advance(now)).ToList();
        var alreadyInFlight = Engine.InFlight().Where(f => !transitions.Any(t => t.IsDispatch && t.StepId == f.Step.Id && t.Compensation == f.Compensation)).ToList();
        await CommitAsync(transitions);

        // Hand in-flight work to its agents again: an agent that still runs or already finished the
        // attempt recognises its idempotency key; one that lost it with its silo starts it anew.
        await Task.WhenAll(alreadyInFlight.Select(f => DispatchAsync(f.Step, f.Attempt, f.Compensation)));
    }

    /// <summary>Persists the state, then announces the transitions, then acts on them.</summary>
    private async Task CommitAsync(IReadOnlyList<WorkflowTransition> transitions)
    {
        if (transitions.Count > 0)
        {
            await WriteOrReloadAsync(_state);
            await AnnounceAsync(transitions);
        }

        await SyncReminderAsync();
        if (!Engine.IsActive)
        {
            // The engine reports nothing for a finished workflow, so transitions here mean it has just finished.
            if (transitions.Count > 0) Finish();
            return;
        }

        ScheduleWakeUp();
        await Task.WhenAll(transitions.Where(t => t.IsDispatch).Select(t => DispatchAsync(_state.State.Plan.Steps.First(s => s.Id == t.StepId), t.Attempt!.Value, t.Compensation)));
    }

    private async Task AnnounceAsync(IReadOnlyList<WorkflowTransition> transitions)
    {
        var now = _time.GetUtcNow();
        var sessionId = GrainKeys.LocalIdOf(_state.State.SessionKey);
        try
        {
            await GrainFactory.PublishSessionEventsAsync(_state.State.SessionKey, transitions.Select(t => new SessionEvent
            {
                Kind = t.Kind, SessionId = sessionId, WorkflowId = WorkflowId, StepId = t.StepId, Agent = t.Agent,
                Attempt = t.Attempt, Status = t.Status, Message = t.Message, At = now,
            }));
        }
        catch (Exception ex)
        {
            // Events are a view of the persisted state (GET shows it); losing one must not stop the workflow.
            LogPublishFailed(ex, WorkflowId);
        }
    }

    private async Task DispatchAsync(PlanStep step, int attempt, bool compensation)
    {
        var workflowKey = this.GetPrimaryKeyString();
        var task = new AgentTask
        {
            IdempotencyKey = compensation ? $"{workflowKey}/{step.Id}/compensate" : AgentTask.KeyFor(workflowKey, step.Id, attempt),
            WorkflowKey = workflowKey,
            StepId = step.Id,
            Attempt = attempt,
            Instruction = Engine.InstructionFor(step, compensation),
            Context = compensation ? "" : Engine.ContextFor(step),
            Timeout = step.Timeout ?? _options.StepTimeout,
            Compensation = compensation,
        };

        try
        {
            var agent = GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(_state.State.SessionKey, step.Agent));
            await agent.StartTaskAsync(task);
        }
        catch (Exception ex)
        {
            // The step stays in flight; the resume reminder hands it over again, and the timeout bounds it.
            LogDispatchFailed(ex, WorkflowId, step.Id, attempt);
        }
    }

    /// <summary>Holds the resume reminder exactly while work is in flight or may start; an approval wait needs none.</summary>
    private async Task SyncReminderAsync()
    {
        if (Engine.NeedsResume && _hasReminder != true)
        {
            await this.RegisterOrUpdateReminder(ResumeReminder, _options.ResumeInterval, _options.ResumeInterval);
            _hasReminder = true;
        }
        else if (!Engine.NeedsResume && _hasReminder != false)
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
            _hasReminder = false;
        }
    }

    /// <summary>Wakes the workflow when a retry is due or an attempt times out; the reminder covers the case where this activation is lost.</summary>
    private void ScheduleWakeUp()
    {
        _wakeUp?.Dispose();
        _wakeUp = null;
        if (Engine.TimeUntilNextWakeUp(_time.GetUtcNow()) is { } wait)
        {
            _wakeUp = this.RegisterGrainTimer(ContinueAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
        }
    }

    private void Finish()
    {
        _wakeUp?.Dispose();
        TDeveloperTelemetry.WorkflowsFinished.Add(1, new KeyValuePair<string, object?>("status", _state.State.Status.ToString()));
        LogFinished(WorkflowId, _state.State.Status);
        GrainFactory.GetGrain<ISessionGrain>(_state.State.SessionKey).OnWorkflowFinishedAsync(WorkflowId, _state.State.Status).Ignore();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} started with {StepCount} steps")]
    private partial void LogStarted(string workflowId, int stepCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} finished: {Status}")]
    private partial void LogFinished(string workflowId, WorkflowStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not hand step {StepId} attempt {Attempt} to its agent; the resume reminder will retry")]
    private partial void LogDispatchFailed(Exception exception, string workflowId, string stepId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not publish its events")]
    private partial void LogPublishFailed(Exception exception, string workflowId);
}
