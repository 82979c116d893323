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
/// steps to agent grains without waiting for them, and keeps a reminder while running so that
/// another silo resumes the workflow if this one is lost.
/// </summary>
public sealed partial class WorkflowGrain : Grain, IWorkflowGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private readonly IPersistentState<WorkflowState> _state;
    private readonly WorkflowOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkflowGrain> _logger;
    private WorkflowExecution? _engine;
    private IGrainTimer? _retryTimer;

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
    private WorkflowExecution _execution => _engine?.State == _state.State ? _engine : _engine = new WorkflowExecution(_state.State, _options);

    private string WorkflowId => GrainKeys.LocalIdOf(this.GetPrimaryKeyString());

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!_execution.IsRunning) return;

        // Activated again while running (after a silo loss, a restart or idle collection): make sure
        // the resume reminder exists (the embedded default keeps reminders in memory) and continue
        // at once rather than waiting for its next tick.
        await this.RegisterOrUpdateReminder(ResumeReminder, _options.ResumeInterval, _options.ResumeInterval);
        this.RegisterGrainTimer(ResumeAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    /// <inheritdoc/>
    public async Task<WorkflowSnapshot> StartAsync(StartWorkflowInput input)
    {
        if (_state.State.Status != WorkflowStatus.None) return _execution.Snapshot(WorkflowId);

        var problems = Workflows.PlanValidator.Validate(input.Plan);
        if (!problems.IsEmpty) throw new ArgumentException($"The plan is invalid: {string.Join(" ", problems)}", nameof(input));
        if (!GrainKeys.IsValidSegment(GrainKeys.TenantOf(input.SessionKey))) throw new ArgumentException("The session key is invalid.", nameof(input));

        await this.RegisterOrUpdateReminder(ResumeReminder, _options.ResumeInterval, _options.ResumeInterval);
        var now = _time.GetUtcNow();
        var transitions = _execution.Start(input, now).Concat(_execution.StartReadySteps(now)).ToList();
        await CommitAsync(transitions);
        LogStarted(WorkflowId, input.Plan.Steps.Length);
        return _execution.Snapshot(WorkflowId);
    }

    /// <inheritdoc/>
    public Task<WorkflowSnapshot?> GetAsync() =>
        Task.FromResult(_state.State.Status == WorkflowStatus.None ? null : _execution.Snapshot(WorkflowId));

    /// <inheritdoc/>
    public async Task<WorkflowSnapshot?> CancelAsync(string reason)
    {
        if (_state.State.Status == WorkflowStatus.None) return null;
        await CommitAsync(_execution.Cancel(reason, _time.GetUtcNow()));
        return _execution.Snapshot(WorkflowId);
    }

    /// <inheritdoc/>
    public async Task OnStepFinishedAsync(StepResult result)
    {
        var now = _time.GetUtcNow();
        var applied = _execution.Apply(result, now, Random.Shared.NextDouble());
        if (applied.Count == 0) return;
        var agent = _state.State.Plan.Steps.First(s => s.Id == result.StepId).Agent;
        TDeveloperTelemetry.StepAttemptsFinished.Add(1, new("agent", agent), new("outcome", result.Succeeded ? "succeeded" : "failed"));
        await CommitAsync([.. applied, .. _execution.StartReadySteps(now)]);
    }

    /// <inheritdoc/>
    public Task ReceiveReminder(string reminderName, TickStatus status) => ResumeAsync(CancellationToken.None);

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        if (!_execution.IsRunning)
        {
            await StopReminderAsync();
            return;
        }

        var now = _time.GetUtcNow();
        var transitions = _execution.TimeOutOverdueSteps(now, Random.Shared.NextDouble()).Concat(_execution.StartReadySteps(now)).ToList();
        var alreadyRunning = _execution.RunningSteps().Where(r => !transitions.Any(t => t.Kind == SessionEventKind.StepStarted && t.StepId == r.Step.Id)).ToList();
        await CommitAsync(transitions);

        // Hand the running steps to their agents again: an agent that still runs or already finished
        // the attempt recognises its idempotency key, one that lost it with its silo starts it anew.
        await Task.WhenAll(alreadyRunning.Select(r => DispatchAsync(r.Step, r.Attempt)));
    }

    /// <summary>Persists the state, then announces the transitions, then acts on them.</summary>
    private async Task CommitAsync(IReadOnlyList<WorkflowTransition> transitions)
    {
        if (transitions.Count == 0) return;
        await _state.WriteStateAsync();

        var now = _time.GetUtcNow();
        var sessionId = SessionEventsExtensions.SessionIdOf(_state.State.SessionKey);
        try
        {
            await this.PublishAsync(_state.State.SessionKey, transitions.Select(t => new SessionEvent
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

        if (!_execution.IsRunning)
        {
            await FinishAsync();
            return;
        }

        ScheduleRetryTimer();
        var started = transitions.Where(t => t.Kind == SessionEventKind.StepStarted).ToList();
        await Task.WhenAll(started.Select(t => DispatchAsync(_state.State.Plan.Steps.First(s => s.Id == t.StepId), t.Attempt!.Value)));
    }

    private async Task DispatchAsync(PlanStep step, int attempt)
    {
        var workflowKey = this.GetPrimaryKeyString();
        var task = new AgentTask
        {
            IdempotencyKey = AgentTask.KeyFor(workflowKey, step.Id, attempt),
            WorkflowKey = workflowKey,
            StepId = step.Id,
            Attempt = attempt,
            Instruction = step.Instruction,
            Context = _execution.ContextFor(step),
            Timeout = _options.StepTimeout,
        };

        try
        {
            var agent = GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(_state.State.SessionKey, step.Agent));
            await agent.StartTaskAsync(task);
        }
        catch (Exception ex)
        {
            // The step stays running; the resume reminder hands it over again, and the timeout bounds it.
            LogDispatchFailed(ex, WorkflowId, step.Id, attempt);
        }
    }

    private void ScheduleRetryTimer()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
        if (_execution.TimeUntilNextRetry(_time.GetUtcNow()) is { } wait)
        {
            _retryTimer = this.RegisterGrainTimer(ResumeAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
        }
    }

    private async Task FinishAsync()
    {
        _retryTimer?.Dispose();
        TDeveloperTelemetry.WorkflowsFinished.Add(1, new KeyValuePair<string, object?>("status", _state.State.Status.ToString()));
        LogFinished(WorkflowId, _state.State.Status);
        await StopReminderAsync();
        GrainFactory.GetGrain<ISessionGrain>(_state.State.SessionKey).OnWorkflowFinishedAsync(WorkflowId, _state.State.Status).Ignore();
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
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
