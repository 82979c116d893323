using System.Diagnostics;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Agents;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Events;
using TDeveloper.Grains.Input;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Persistence;
using TDeveloper.Grains.Sessions;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// Hosts a <see cref="WorkflowExecution"/>. Every command or agent result is one journal entry written once:
/// the steps that changed, the events the change produced (the outbox) and how far earlier events were
/// delivered. After the write, events go to the session's log (retried until acknowledged), new steps go to
/// their agents, and the workflow keeps a resume reminder while work is in flight, with the in-flight index
/// letting the recovery service wake it within seconds of a silo's death. While it only waits for a person's
/// approval it holds no reminder and no timer, so the activation may be collected.
/// </summary>
public sealed partial class WorkflowGrain : DurableGrain, IWorkflowGrain, IWorkflowCallbacks, IRemindable
{
    internal const string JournalKind = "tdeveloper.workflow";
    private const string ResumeReminder = "resume";
    private static readonly TimeSpan RedispatchDelay = TimeSpan.FromSeconds(1);
    private readonly Journal _journal;
    private readonly WorkflowOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkflowGrain> _logger;
    private readonly WorkflowState _state = new();
    private readonly WorkflowJournal _written = new();
    private readonly WorkflowExecution _engine;
    private readonly EventDelivery _outbox;
    private long _version;
    private IGrainTimer? _wakeUp;
    private DateTimeOffset? _wakeUpAt;
    private IGrainTimer? _redispatch;
    private bool? _hasReminder; // null until this activation knows whether the reminder exists
    private bool _sessionNotified;
    private string? _workflowId;
    private string? _sessionId;
    private readonly Dictionary<string, IAgentGrain> _agents = [];
    private bool _unindexed;

    /// <summary>Creates the grain over its journal.</summary>
    public WorkflowGrain(Journal journal, IOptions<WorkflowOptions> options, TimeProvider time, ILogger<WorkflowGrain> logger)
    {
        _journal = journal;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _engine = new WorkflowExecution(_state, _options);
        _outbox = new EventDelivery(SendEventsAsync, AfterEventsDeliveredAsync, this, logger);
    }

    private string WorkflowKey => this.GetPrimaryKeyString();

    private string WorkflowId => _workflowId ??= GrainKeys.LocalIdOf(WorkflowKey);

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!await CatchUpAsync()) return;
        _outbox.Run(); // a finished workflow also tells its session again: the session ignores a repeat

        if (!_engine.NeedsResume) return;

        // Activated again with work in flight (after a silo loss, a restart or idle collection): make sure the
        // resume reminder exists and continue at once.
        await SyncReminderAsync();
        this.RegisterGrainTimer(ContinueAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    /// <inheritdoc/>
    public async Task<WorkflowSnapshot> StartAsync(StartWorkflowInput input)
    {
        if (_state.Status != WorkflowStatus.None) return _engine.Snapshot(WorkflowId);
        using var activity = TDeveloperTelemetry.ActivitySource.StartActivity("workflow.start").WithSession(input.SessionKey);
        activity?.SetTag(TraceContexts.Workflow, WorkflowId);
        activity?.SetTag("tdeveloper.steps", input.Plan.Steps.Length);

        var problems = PlanValidator.Validate(input.Plan, Registry.AgentRegistryRules.StartedPlanAgentProblem); // the session checked its agents against the tenant's registry
        if (!problems.IsEmpty) throw new ArgumentException($"The plan is invalid: {string.Join(" ", problems)}", nameof(input));
        if (!GrainKeys.IsValidSegment(GrainKeys.TenantOf(input.SessionKey))) throw new ArgumentException("The session key is invalid.", nameof(input));

        // Indexed before the first write: an entry for a workflow that never started is dropped when woken.
        await Index.AddAsync(WorkflowKey);
        var now = _time.GetUtcNow();
        await CommitAsync([.. _engine.Start(input, now), .. _engine.Advance(now)], input);
        LogStarted(WorkflowId, input.Plan.Steps.Length);
        return _engine.Snapshot(WorkflowId);
    }

    /// <inheritdoc/>
    public Task<WorkflowStatus> GetStatusAsync() => Task.FromResult(_state.Status);

    /// <inheritdoc/>
    public Task<UsageBreakdown> GetUsageAsync() => Task.FromResult(_engine.Usage());

    /// <inheritdoc/>
    public Task<WorkflowSnapshot?> GetAsync() =>
        Task.FromResult(_state.Status == WorkflowStatus.None ? null : _engine.Snapshot(WorkflowId));

    /// <inheritdoc/>
    public async Task<CommandResult<WorkflowSnapshot>> CancelAsync(string reason)
    {
        if (_state.Status == WorkflowStatus.None) return NotStarted;
        var running = _engine.InFlight().ToList();
        await CommitAsync(_engine.Cancel(reason, _time.GetUtcNow()));
        await Task.WhenAll(running.Select(f => CancelAgentTaskAsync(f.Step, f.Attempt, f.Compensation)));
        foreach (var (step, attempt, compensation) in running) ReleaseLease(IdempotencyKeyOf(step, attempt, compensation));
        return CommandResult<WorkflowSnapshot>.Ok(_engine.Snapshot(WorkflowId));
    }

    /// <inheritdoc/>
    public Task<CommandResult<WorkflowSnapshot>> PauseAsync() => CommandAsync(_engine.Pause);

    /// <inheritdoc/>
    public Task<CommandResult<WorkflowSnapshot>> ResumeAsync() => CommandAsync(() => _engine.Resume(_time.GetUtcNow()));

    /// <inheritdoc/>
    public Task<CommandResult<WorkflowSnapshot>> DecideAsync(ApprovalDecision decision) => CommandAsync(() => _engine.Decide(decision, _time.GetUtcNow()));

    /// <inheritdoc/>
    public async Task OnStepFinishedAsync(StepResult result)
    {
        using var activity = TDeveloperTelemetry.ActivitySource.StartActivity("workflow.step_finished").WithSession(_state.SessionKey);
        activity?.SetTag(TraceContexts.Workflow, WorkflowId);
        activity?.SetTag(TraceContexts.Step, result.StepId);
        activity?.SetTag(TraceContexts.Attempt, result.Attempt);
        activity?.SetTag(TraceContexts.Outcome, result.Succeeded ? "succeeded" : "failed");
        var applied = _engine.Apply(result, _time.GetUtcNow(), Random.Shared.NextDouble());

        // A result this activation does not expect may be for a newer state: while a silo's death is being
        // settled, a second activation of this workflow can briefly exist and write ahead. Ignore it only if
        // the journal has nothing newer.
        if (applied.Count == 0 && await CatchUpAsync()) applied = _engine.Apply(result, _time.GetUtcNow(), Random.Shared.NextDouble());
        if (applied.Count == 0) return;
        var agent = _state.Plan.Steps.First(s => s.Id == result.StepId).Agent;
        TDeveloperTelemetry.StepAttemptsFinished.Add(1, new("agent", agent), new("outcome", result.Succeeded ? "succeeded" : "failed"));
        ReleaseLease(IdempotencyKeyOf(StepById(result.StepId), result.Attempt, result.Compensation));
        await CommitAsync(applied);
    }

    /// <inheritdoc/>
    public async Task<bool> RecoverAsync()
    {
        if (_state.Status == WorkflowStatus.None) return false;
        if (_engine.IsActive) await ContinueAsync(CancellationToken.None);
        _outbox.Run();
        return _engine.IsActive || !_unindexed;
    }

    /// <inheritdoc/>
    public async Task<int> ReassignAgentAsync(string from, string to, string reason)
    {
        await CatchUpAsync();
        var moved = _engine.Reassign(from, to);
        await LeaseInstancesAsync(moved.Select(f => (f.Step, f.Attempt, f.Compensation)));
        await CommitAsync([]);
        LogReassigned(WorkflowId, from, to, moved.Count, reason);
        await Task.WhenAll(moved.Select(f => DispatchAsync(f.Step, f.Attempt, f.Compensation)));
        return moved.Count;
    }

    /// <inheritdoc/>
    public Task ReceiveReminder(string reminderName, TickStatus status) => ContinueAsync(CancellationToken.None);

    /// <summary>Replays journal entries written after this activation's position; returns whether there were any.</summary>
    private async Task<bool> CatchUpAsync()
    {
        var entries = await _journal.ReadAsync<WorkflowJournalEntry>(JournalKind, WorkflowKey, after: _version);
        if (entries.Count == 0) return false;
        foreach (var entry in entries) _written.Replay(_state, entry);
        _version += entries.Count;

        // Events of the replayed entries may not have reached the log yet: hand them on again (the log drops repeats).
        _outbox.Add(entries.SelectMany(e => e.Events));
        _outbox.Acknowledge(entries[^1].EventsDeliveredThrough);
        return true;
    }

    // The shard comes from Orleans' own stable grain hash (the one its hash ring uses), so every silo agrees.
    private IWorkflowIndexGrain Index => GrainFactory.GetGrain<IWorkflowIndexGrain>(this.GetGrainId().GetUniformHashCode() % (uint)_options.IndexShards);

    private static CommandResult<WorkflowSnapshot> NotStarted => CommandResult<WorkflowSnapshot>.Refused(CommandOutcome.NotFound, "The workflow does not exist.");

    private async Task<CommandResult<WorkflowSnapshot>> CommandAsync(Func<(CommandOutcome Outcome, string? Error, IReadOnlyList<WorkflowTransition> Transitions)> command)
    {
        if (_state.Status == WorkflowStatus.None) return NotStarted;
        var (outcome, error, transitions) = command();
        if (outcome != CommandOutcome.Ok) return CommandResult<WorkflowSnapshot>.Refused(outcome, error!, _engine.Snapshot(WorkflowId));
        await CommitAsync(transitions);
        return CommandResult<WorkflowSnapshot>.Ok(_engine.Snapshot(WorkflowId));
    }

    private async Task ContinueAsync(CancellationToken cancellationToken)
    {
        _redispatch?.Dispose();
        _redispatch = null;
        if (!_engine.IsActive) return;

        // Timers and reminders run outside any request: continue the trace of the request that started the workflow.
        using var activity = TraceContexts.StartContinuation("workflow.continue", _state.TraceParent).WithSession(_state.SessionKey);
        activity?.SetTag(TraceContexts.Workflow, WorkflowId);
        var now = _time.GetUtcNow();
        var transitions = _engine.TimeOutOverdueSteps(now, Random.Shared.NextDouble()).Concat(_engine.Advance(now)).ToList();
        var alreadyInFlight = _engine.InFlight().Where(f => !transitions.Any(t => t.IsDispatch && t.StepId == f.Step.Id && t.Compensation == f.Compensation)).ToList();
        await CommitAsync(transitions);

        // Hand in-flight work to its agents again: an agent that still runs or already finished the
        // attempt recognises its idempotency key; one that lost it with its silo starts it anew.
        await Task.WhenAll(alreadyInFlight.Select(f => DispatchAsync(f.Step, f.Attempt, f.Compensation)));
    }

    /// <summary>Writes what changed with its events as one journal entry, then delivers the events and acts on the transitions.</summary>
    private async Task CommitAsync(IReadOnlyList<WorkflowTransition> transitions, StartWorkflowInput? start = null)
    {
        // The instance each new attempt goes to is written with the attempt's start, so a redispatch after a crash finds it again.
        await LeaseInstancesAsync(transitions.Where(t => t.IsDispatch).Select(t => (StepById(t.StepId!), t.Attempt!.Value, t.Compensation)));
        var entry = _written.Diff(_state);
        if (transitions.Count > 0 || entry.Header is not null || entry.Steps.Count > 0)
        {
            var events = transitions.Select(ToEvent).ToList();
            entry.Start = start;
            entry.CreatedAt = start is null ? null : _state.CreatedAt;
            entry.Events = events;
            entry.FirstEventSequence = _outbox.NextSequence;
            entry.EventsDeliveredThrough = _outbox.DeliveredThrough;
            await WriteOrReloadAsync(() => _journal.AppendAsync(JournalKind, WorkflowKey, _version + 1, entry));

            _version++;
            _written.Accept(entry);
            _outbox.Add(events);
            _outbox.Run();
        }

        await SyncReminderAsync();
        if (!_engine.IsActive)
        {
            // The engine reports nothing for a finished workflow, so transitions here mean it has just finished.
            if (transitions.Count > 0) Finish();
            return;
        }

        ScheduleWakeUp();
        await Task.WhenAll(transitions.Where(t => t.IsDispatch).Select(t => DispatchAsync(StepById(t.StepId!), t.Attempt!.Value, t.Compensation)));
    }

    private SessionEvent ToEvent(WorkflowTransition t) => new()
    {
        Kind = t.Kind, SessionId = _sessionId ??= GrainKeys.LocalIdOf(_state.SessionKey), WorkflowId = WorkflowId, StepId = t.StepId, Agent = t.Agent,
        Attempt = t.Attempt, Status = t.Status, Message = t.Message, At = _time.GetUtcNow(),
    };

    private Task SendEventsAsync(long firstSequence, ImmutableArray<SessionEvent> events) =>
        GrainFactory.GetGrain<ISessionEventSink>(_state.SessionKey).AppendAsync(WorkflowKey, firstSequence, events);

    /// <summary>Once its last events are logged, a finished workflow tells its session, then leaves the in-flight index.</summary>
    private async Task AfterEventsDeliveredAsync()
    {
        if (_state.Status == WorkflowStatus.None || _engine.IsActive) return;
        if (!_sessionNotified)
        {
            await GrainFactory.GetGrain<ISessionCallbacks>(_state.SessionKey).OnWorkflowFinishedAsync(WorkflowId, _state.Status);
            _sessionNotified = true;
        }

        if (!_unindexed)
        {
            await Index.RemoveAsync(WorkflowKey);
            _unindexed = true;
        }
    }

    private async Task DispatchAsync(PlanStep step, int attempt, bool compensation)
    {
        var task = new AgentTask
        {
            IdempotencyKey = IdempotencyKeyOf(step, attempt, compensation),
            WorkflowKey = WorkflowKey,
            StepId = step.Id,
            Attempt = attempt,
            Instruction = _engine.InstructionFor(step, compensation),
            Context = compensation ? "" : _engine.ContextFor(step),
            Timeout = step.Timeout ?? _options.StepTimeout,
            Compensation = compensation,
            Requirements = new ModelRequirements { Pinned = step.Models, Capabilities = compensation ? ModelCapabilities.None : RequestPreparation.CapabilitiesFor(_state.Attachments) },
            Attachments = compensation ? [] : _state.Attachments, // undoing a step needs its output, not the request's files
        };

        using var activity = TDeveloperTelemetry.ActivitySource.StartActivity("workflow.dispatch", ActivityKind.Producer).WithSession(_state.SessionKey);
        activity?.SetTag(TraceContexts.Workflow, WorkflowId);
        activity?.SetTag(TraceContexts.Step, step.Id);
        activity?.SetTag(TraceContexts.Attempt, attempt);
        activity?.SetTag(TraceContexts.Agent, step.Agent);
        activity?.SetTag("tdeveloper.compensation", compensation);
        try
        {
            await AgentOf(step).StartTaskAsync(task);
        }
        catch (Exception ex)
        {
            // The step stays in flight: try again shortly (the agent's silo may be going down), bounded by its timeout.
            LogDispatchFailed(ex, WorkflowId, step.Id, attempt);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            _redispatch ??= this.RegisterGrainTimer(ContinueAsync, new GrainTimerCreationOptions(RedispatchDelay, Timeout.InfiniteTimeSpan));
        }
    }

    private async Task CancelAgentTaskAsync(PlanStep step, int attempt, bool compensation)
    {
        try
        {
            await AgentOf(step).CancelTaskAsync(IdempotencyKeyOf(step, attempt, compensation));
        }
        catch (Exception ex)
        {
            LogCancelFailed(ex, WorkflowId, step.Id); // its result will be ignored: the workflow is cancelled
        }
    }

    private IAgentGrain AgentOf(PlanStep step)
    {
        var name = _engine.InstanceOf(step) ?? _engine.AgentOf(step);
        if (!_agents.TryGetValue(name, out var agent)) _agents[name] = agent = GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(_state.SessionKey, name));
        return agent;
    }


    private string IdempotencyKeyOf(PlanStep step, int attempt, bool compensation) =>
        compensation ? $"{WorkflowKey}/{step.Id}/compensate" : AgentTask.KeyFor(WorkflowKey, step.Id, attempt);

    private PlanStep StepById(string id) => _state.Plan.Steps.First(s => s.Id == id);

    /// <summary>Holds the resume reminder exactly while work is in flight or may start; an approval wait needs none.</summary>
    private async Task SyncReminderAsync()
    {
        if (_engine.NeedsResume && _hasReminder != true)
        {
            await this.RegisterOrUpdateReminder(ResumeReminder, _options.ResumeInterval, _options.ResumeInterval);
            _hasReminder = true;
        }
        else if (!_engine.NeedsResume && _hasReminder != false)
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
            _hasReminder = false;
        }
    }

    /// <summary>Wakes the workflow when a retry is due or an attempt times out; the reminder covers the case where this activation is lost.</summary>
    private void ScheduleWakeUp()
    {
        if (_engine.TimeUntilNextWakeUp(_time.GetUtcNow()) is not { } wait)
        {
            _wakeUp?.Dispose();
            (_wakeUp, _wakeUpAt) = (null, null);
            return;
        }

        // A timer that fires earlier than needed is harmless (the wake-up reschedules), so only an earlier
        // deadline replaces it: most transitions move the next deadline later, and keep the timer.
        var due = _time.GetUtcNow() + wait;
        if (_wakeUp is not null && _wakeUpAt <= due) return;
        _wakeUp?.Dispose();
        _wakeUpAt = due;
        _wakeUp = this.RegisterGrainTimer(WakeUpAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
    }

    private Task WakeUpAsync(CancellationToken cancellationToken)
    {
        (_wakeUp, _wakeUpAt) = (null, null);
        return ContinueAsync(cancellationToken);
    }

    private void Finish()
    {
        _wakeUp?.Dispose();
        TDeveloperTelemetry.WorkflowsFinished.Add(1, new KeyValuePair<string, object?>("status", _state.Status.ToString()));
        TDeveloperTelemetry.WorkflowDuration.Record((_time.GetUtcNow() - _state.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("status", _state.Status.ToString()));
        LogFinished(WorkflowId, _state.Status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} started with {StepCount} steps")]
    private partial void LogStarted(string workflowId, int stepCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} finished: {Status}")]
    private partial void LogFinished(string workflowId, WorkflowStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not hand step {StepId} attempt {Attempt} to its agent; retrying shortly")]
    private partial void LogDispatchFailed(Exception exception, string workflowId, string stepId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} moved the unfinished steps of {From} to {To} ({Moved} in flight handed over): {Reason}")]
    private partial void LogReassigned(string workflowId, string from, string to, int moved, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not cancel the running task of step {StepId}")]
    private partial void LogCancelFailed(Exception exception, string workflowId, string stepId);
}
