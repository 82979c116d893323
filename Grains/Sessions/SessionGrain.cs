using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Events;
using TDeveloper.Grains.Input;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Security.Crypto;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Grains.Sessions;

/// <summary>
/// Hosts a session's <see cref="SessionLifecycle"/>: a heartbeat timer while live (liveness, the idle
/// timeout and the lifetime limit), a checkpoint reminder that survives silo loss, the link from each
/// request to the workflow that runs it, and its entry in the tenant's <see cref="ISessionIndexGrain"/>
/// (admission within the concurrent-session limits, then every change of status).
/// </summary>
/// <remarks>
/// The index learns of a status after the session stored it; until the index acknowledged it
/// (<see cref="SessionState.IndexedStatus"/>), the heartbeat, the reminder and the next activation report again, and an
/// ended session keeps its reminder until its end is acknowledged, so its slot is always released.
/// </remarks>
public sealed partial class SessionGrain : DurableGrain, ISessionGrain, ISessionCallbacks, IRemindable
{
    private const string CheckpointReminder = "checkpoint";
    private readonly IPersistentState<SessionState> _state;
    private readonly SessionOptions _options;
    private readonly ModelCatalogOptions _catalog;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionGrain> _logger;
    private readonly EventDelivery _outbox;
    private IGrainTimer? _heartbeat;
    private DateTimeOffset? _lastHeartbeatAt;

    /// <summary>Creates the grain with its persisted state.</summary>
    public SessionGrain(
        [PersistentState("session", StorageNames.State)] IPersistentState<SessionState> state,
        IOptions<SessionOptions> options,
        IOptions<ModelCatalogOptions> catalog,
        StateSealing sealing,
        TimeProvider time,
        ILogger<SessionGrain> logger)
    {
        _state = sealing.Protect(state, "session", GrainContext); // the request texts and event messages are stored sealed
        _options = options.Value;
        _catalog = catalog.Value;
        _time = time;
        _logger = logger;
        _outbox = new EventDelivery(
            (first, events) => GrainFactory.GetGrain<ISessionEventSink>(SessionKey).AppendAsync(SessionKey, first, events),
            ForgetDeliveredEvents,
            this,
            logger);
    }

    private SessionState State => _state.State;

    private string SessionKey => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _outbox.Acknowledge(State.OutboxDeliveredThrough);
        _outbox.Add(State.Outbox);
        _outbox.Run();
        if (State.Status != SessionStatus.None) await SyncIndexAsync();
        if (!SessionLifecycle.IsLive(State.Status)) return;
        await EnqueueIfCrashedAsync();
        StartHeartbeat();

        // Reminders of the embedded default live in memory: after a restart, re-register on first use.
        await this.RegisterOrUpdateReminder(CheckpointReminder, _options.CheckpointInterval, _options.CheckpointInterval);
        await DispatchQueuedAsync(); // queued requests survive a silo loss: start what fits now
    }

    /// <inheritdoc/>
    public async Task<CommandResult<SessionSnapshot>> CreateAsync(CreateSessionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = _time.GetUtcNow();
        if (State.Status == SessionStatus.None)
        {
            // Admission first: a session refused by the limits is never stored.
            var admission = await Index.AdmitAsync(new SessionSummary { Id = GrainKeys.LocalIdOf(SessionKey), Owner = input.Owner, Status = SessionStatus.Active, CreatedAt = now, UpdatedAt = now });
            if (admission.Outcome != CommandOutcome.Ok)
            {
                LogRefused(SessionKey, admission.Error!);
                return CommandResult<SessionSnapshot>.Refused(admission.Outcome, admission.Error!);
            }
        }

        var (outcome, error) = SessionLifecycle.Create(State, input, now, _options);
        if (outcome != CommandOutcome.Ok) return CommandResult<SessionSnapshot>.Refused(outcome, error!, Snapshot());
        State.IndexedStatus = SessionStatus.Active;

        // The "created" event waits in the outbox until the session is used (read, given a request, or
        // checkpointed): an idle new session then costs one activation, not three (its log and the stream's).
        try
        {
            await PersistAsync(StatusEvent("created"), deliver: false);
        }
        catch
        {
            await Index.UpdateAsync(GrainKeys.LocalIdOf(SessionKey), SessionStatus.Failed, now); // release the slot of a session never stored
            throw;
        }

        await this.RegisterOrUpdateReminder(CheckpointReminder, _options.CheckpointInterval, _options.CheckpointInterval);
        StartHeartbeat();
        TDeveloperTelemetry.SessionsCreated.Add(1);
        TDeveloperTelemetry.SessionsActive.Add(1);
        LogCreated(SessionKey, input.Owner);
        return CommandResult<SessionSnapshot>.Ok(Snapshot()!);
    }

    /// <inheritdoc/>
    public Task<SessionSnapshot?> GetAsync()
    {
        _outbox.Run(); // a watcher reads the session before the log: let the session's own events be there
        return Task.FromResult(Snapshot());
    }

    /// <inheritdoc/>
    public async Task<CommandResult<SubmittedRequest>> SubmitRequestAsync(SubmitRequestInput input)
    {
        using var activity = TDeveloperTelemetry.ActivitySource.StartActivity("session.submit").WithSession(SessionKey);
        var result = await SubmitTracedAsync(input);
        activity?.SetTag(TraceContexts.Workflow, result.Value?.WorkflowId);
        activity?.SetTag(TraceContexts.Outcome, result.Outcome == CommandOutcome.Ok ? result.Value?.Status.ToString() : result.Outcome.ToString());
        return result;
    }

    private async Task<CommandResult<SubmittedRequest>> SubmitTracedAsync(SubmitRequestInput input)
    {
        // From here on the request is its prepared form: no model, plan or stored record sees the raw text.
        var (prepared, invalid) = RequestPreparation.Prepare(input);
        if (prepared is null) return CommandResult<SubmittedRequest>.Refused(CommandOutcome.Invalid, invalid!);
        if (RequestPreparation.MissingCapability(prepared.RequiredCapabilities, _catalog.EffectiveCatalog) is { } missing)
            return CommandResult<SubmittedRequest>.Refused(CommandOutcome.Invalid, missing);
        var (outcome, error) = SessionLifecycle.CanSubmit(State, _time.GetUtcNow(), _options);
        if (outcome != CommandOutcome.Ok) return CommandResult<SubmittedRequest>.Refused(outcome, error!);
        if (RefuseQueueing(input) is { } refusal) return refusal;

        var decided = await DecideAsync(input, prepared);
        if (decided?.Decision?.NeedsClarification == true) return await AskClarificationAsync(prepared, decided);
        ExecutionPlan plan;
        try
        {
            plan = input.Plan is { } given
                ? new ExecutionPlan { Plan = RequestPreparation.MaskInstructions(given), Rationale = "plan given by the caller" }
                : decided ?? await GrainFactory.GetGrain<ISupervisorGrain>(0).PlanAsync(prepared.Text, input.Template);
        }
        catch (ArgumentException ex)
        {
            return CommandResult<SubmittedRequest>.Refused(CommandOutcome.Invalid, ex.Message);
        }

        var problems = PlanValidator.Validate(plan.Plan, await RegisteredAgentProblemsAsync(plan.Plan)).AddRange(PlanValidator.ValidateModels(plan.Plan, model => _catalog.Find(model) is not null));
        if (!problems.IsEmpty) return CommandResult<SubmittedRequest>.Refused(CommandOutcome.Invalid, $"The plan is invalid: {string.Join(" ", problems)}");
        if (MustQueue()) return await QueueRequestAsync(input, prepared, plan); // beyond capacity: it waits, by priority

        // Record the request before starting its workflow: if this silo dies in between, the
        // checkpoint finds the workflow by id, and starting a workflow twice changes nothing.
        var workflowId = GrainKeys.NewWorkflowId();
        var request = NewRequest(workflowId, input, prepared, plan, WorkflowStatus.Running, _time.GetUtcNow());
        State.Requests.Add(request);
        SessionLifecycle.Touch(State, request.SubmittedAt);
        await PersistAsync();
        await DeliverOwnEventsFirstAsync();

        var workflowKey = GrainKeys.Workflow(GrainKeys.TenantOf(SessionKey), workflowId);
        var snapshot = await GrainFactory.GetGrain<IWorkflowGrain>(workflowKey)
            .StartAsync(StartInputOf(prepared, plan));
        if (snapshot.Status != request.Status)
        {
            request.Status = snapshot.Status;
            await PersistAsync();
        }

        TDeveloperTelemetry.RequestsSubmitted.Add(1);
        return CommandResult<SubmittedRequest>.Ok(new SubmittedRequest { WorkflowId = workflowId, Plan = plan });
    }

    /// <summary>The record of a new request, started or queued, with what the decision history needs once it finishes.</summary>
    private static RequestRecord NewRequest(string workflowId, SubmitRequestInput input, PreparedRequest prepared, ExecutionPlan plan, WorkflowStatus status, DateTimeOffset at)
    {
        var request = new RequestRecord { WorkflowId = workflowId, Text = prepared.Text, SubmittedAt = at, Status = status, Priority = input.Priority, Deadline = input.Deadline };
        RememberDecision(request, plan);
        return request;
    }

    private StartWorkflowInput StartInputOf(PreparedRequest prepared, ExecutionPlan plan) =>
        new() { SessionKey = SessionKey, RequestText = prepared.Text, Plan = plan.Plan, Attachments = prepared.Attachments, TraceParent = TraceContexts.Current() };

    /// <inheritdoc/>
    public Task<CommandResult<SessionSnapshot>> PauseAsync() => ApplyAsync(() => SessionLifecycle.Pause(State));

    /// <inheritdoc/>
    public async Task<CommandResult<SessionSnapshot>> ResumeAsync()
    {
        var result = await ApplyAsync(() => SessionLifecycle.BeginResume(State));
        if (result.Outcome != CommandOutcome.Ok) return result;
        await RefreshRunningRequestsAsync();
        var resumed = await ApplyAsync(() =>
        {
            SessionLifecycle.FinishResume(State);
            return (CommandOutcome.Ok, null);
        });
        await DispatchQueuedAsync();
        return resumed;
    }

    /// <inheritdoc/>
    public Task<CommandResult<SessionSnapshot>> CancelAsync(string reason) => TerminateAsync($"cancelled: {reason}");

    /// <inheritdoc/>
    public async Task<CommandResult<SessionSnapshot>> CompleteAsync()
    {
        await RefreshRunningRequestsAsync();
        var (outcome, error) = SessionLifecycle.CanComplete(State);
        if (outcome != CommandOutcome.Ok) return CommandResult<SessionSnapshot>.Refused(outcome, error!, Snapshot());
        return await TerminateAsync("completed");
    }

    /// <inheritdoc/>
    public async Task OnWorkflowFinishedAsync(string workflowId, WorkflowStatus status)
    {
        var request = State.Requests.Find(r => r.WorkflowId == workflowId);
        if (request is null || request.Status == status) return;
        request.Status = status;
        SessionLifecycle.Touch(State, _time.GetUtcNow());
        await PersistAsync();
        await RecordDecisionOutcomeAsync(request, status);
        OnSignificantChange($"workflow {workflowId} {status}");
        await DispatchQueuedAsync(); // its slot is free: the next queued request starts
    }

    /// <inheritdoc/>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!SessionLifecycle.IsLive(State.Status))
        {
            await SyncIndexAsync();
            if (State.IndexedStatus == State.Status && await this.GetReminder(CheckpointReminder) is { } reminder) await this.UnregisterReminder(reminder);
            return;
        }

        // The heartbeat timer is lost with the activation; the reminder is the backstop that ends idle and expired sessions.
        if (await EndIfDueAsync()) return;

        _outbox.Run();
        TakeScheduledCheckpoint();
    }

    /// <summary>Ends the session: cancels its running workflows, then stores it completed, or failed with <paramref name="failure"/> (or a cancellation's failure).</summary>
    private async Task<CommandResult<SessionSnapshot>> TerminateAsync(string reason, string? failure = null)
    {
        var (outcome, error) = SessionLifecycle.BeginTermination(State, reason);
        if (outcome != CommandOutcome.Ok) return CommandResult<SessionSnapshot>.Refused(outcome, error!, Snapshot());
        reason = State.EndReason ?? reason; // a termination cut short continues with its first reason
        await PersistAsync(StatusEvent(reason));

        foreach (var request in State.Requests.Where(r => r.Status.IsActive()))
        {
            try
            {
                var workflow = await WorkflowOf(request).CancelAsync(reason);
                request.Status = workflow.Value?.Status ?? WorkflowStatus.Cancelled;
            }
            catch (Exception ex)
            {
                // The session still ends, as failed, with the cause in its end reason and the log.
                LogCancelFailed(ex, SessionKey, request.WorkflowId);
                failure ??= $"workflow {request.WorkflowId} could not be cancelled ({ex.GetType().Name})";
            }
        }

        CancelQueuedOnEnd();
        SessionLifecycle.FinishTermination(State, failure);
        await PersistAsync(StatusEvent(State.EndReason));
        _heartbeat?.Dispose();
        await SyncIndexAsync();
        if (State.IndexedStatus == State.Status && await this.GetReminder(CheckpointReminder) is { } reminder) await this.UnregisterReminder(reminder);
        TDeveloperTelemetry.SessionsEnded.Add(1, new KeyValuePair<string, object?>("reason", reason.Split(':')[0]));
        TDeveloperTelemetry.SessionsActive.Add(-1);
        LogEnded(SessionKey, State.EndReason ?? reason);
        OnSignificantChange(State.EndReason ?? reason);
        return CommandResult<SessionSnapshot>.Ok(Snapshot()!);
    }

    private async Task<CommandResult<SessionSnapshot>> ApplyAsync(Func<(CommandOutcome Outcome, string? Error)> command)
    {
        var (outcome, error) = command();
        if (outcome != CommandOutcome.Ok) return CommandResult<SessionSnapshot>.Refused(outcome, error!, Snapshot());
        SessionLifecycle.Touch(State, _time.GetUtcNow());
        await PersistAsync(StatusEvent(null));
        await SyncIndexAsync();
        if (State.Status == SessionStatus.Paused) OnSignificantChange("paused");
        return CommandResult<SessionSnapshot>.Ok(Snapshot()!);
    }

    private ISessionIndexGrain Index => GrainFactory.GetGrain<ISessionIndexGrain>(GrainKeys.TenantOf(SessionKey));

    /// <summary>Tells the tenant's index the session's status if it has not acknowledged it yet; a failure is logged and retried by the heartbeat, the reminder or the next activation.</summary>
    private async Task SyncIndexAsync()
    {
        if (State.IndexedStatus == State.Status) return;
        try
        {
            var status = State.Status;
            await Index.UpdateAsync(GrainKeys.LocalIdOf(SessionKey), status, _time.GetUtcNow());
            State.IndexedStatus = status; // stored with the next write; reporting again after a restart changes nothing
        }
        catch (Exception ex)
        {
            LogIndexSyncFailed(ex, SessionKey, State.Status);
        }
    }

    /// <summary>Ends the session if it is idle or past its lifetime, or finishes a termination cut short; returns whether it ended.</summary>
    private async Task<bool> EndIfDueAsync()
    {
        if (State.Status == SessionStatus.Terminating)
        {
            await TerminateAsync(State.EndReason ?? "terminated");
            return true;
        }

        if (SessionLifecycle.EndDue(State, _time.GetUtcNow(), _options) is not { } reason) return false;
        await TerminateAsync(reason);
        return true;
    }

    private async Task RefreshRunningRequestsAsync()
    {
        var changed = false;
        foreach (var request in State.Requests.Where(r => r.Status.IsActive()))
        {
            if (await WorkflowOf(request).GetAsync() is { } workflow && workflow.Status != request.Status)
            {
                request.Status = workflow.Status;
                changed = true;
            }
        }

        if (changed) await PersistAsync();
    }

    /// <inheritdoc/>
    public async Task<UsageBreakdown?> GetUsageAsync()
    {
        if (Snapshot() is null) return null;
        var perWorkflow = await Task.WhenAll(State.Requests.Select(async request => (request.WorkflowId, Usage: await WorkflowOf(request).GetUsageAsync())));
        return perWorkflow.Aggregate(new UsageBreakdown(), (sum, workflow) =>
            workflow.Usage.ByModel.Aggregate(sum, (total, model) => total.Add(model.Key, model.Value)) with { ByWorkflow = sum.ByWorkflow.SetItem(workflow.WorkflowId, workflow.Usage.Total) });
    }

    private IWorkflowGrain WorkflowOf(RequestRecord request) =>
        GrainFactory.GetGrain<IWorkflowGrain>(GrainKeys.Workflow(GrainKeys.TenantOf(SessionKey), request.WorkflowId));

    /// <summary>Writes the state, with <paramref name="statusEvent"/> in its outbox, then delivers the event unless told to wait.</summary>
    private async Task PersistAsync(SessionEvent? statusEvent = null, bool deliver = true)
    {
        if (statusEvent is not null) State.Outbox.Add(statusEvent);
        await WriteOrReloadAsync(_state);
        if (statusEvent is null) return;
        _outbox.Add([statusEvent]);
        if (deliver) _outbox.Run();
    }

    /// <summary>Puts the session's pending events in its log before a workflow adds its own, so the log reads in causal order.</summary>
    private async Task DeliverOwnEventsFirstAsync()
    {
        try
        {
            await _outbox.SendPendingAsync();
        }
        catch (Exception)
        {
            _outbox.Run(); // retried in the background; the log may then show them after the workflow's first events
        }
    }

    /// <summary>Once the log has the events, the outbox in the state is trimmed; the next write stores that.</summary>
    private Task ForgetDeliveredEvents()
    {
        var delivered = (int)(_outbox.DeliveredThrough - State.OutboxDeliveredThrough);
        State.Outbox.RemoveRange(0, Math.Min(delivered, State.Outbox.Count));
        State.OutboxDeliveredThrough = _outbox.DeliveredThrough;
        return Task.CompletedTask;
    }

    private void StartHeartbeat()
    {
        _heartbeat ??= this.RegisterGrainTimer(HeartbeatAsync, new GrainTimerCreationOptions(_options.HeartbeatInterval, _options.HeartbeatInterval));
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        _lastHeartbeatAt = _time.GetUtcNow();
        if (await EndIfDueAsync()) return;
        await SyncIndexAsync();
        await CheckHealthAsync();
        await SampleAsync();
        await CheckQueueAsync();
    }

    private SessionEvent StatusEvent(string? message) => new()
    {
        Kind = SessionEventKind.SessionStatusChanged,
        SessionId = GrainKeys.LocalIdOf(SessionKey),
        Status = State.Status.ToString(),
        Message = message,
        At = _time.GetUtcNow(),
    };

    private SessionSnapshot? Snapshot() => State.Status == SessionStatus.None ? null : new SessionSnapshot
    {
        Id = GrainKeys.LocalIdOf(SessionKey),
        Tenant = GrainKeys.TenantOf(SessionKey),
        Owner = State.Owner,
        Title = State.Title,
        Status = State.Status,
        CreatedAt = State.CreatedAt,
        ExpiresAt = State.ExpiresAt,
        LastHeartbeatAt = _lastHeartbeatAt,
        LastCheckpointAt = State.LastCheckpointAt,
        LastActivityAt = State.LastActivityAt,
        EndReason = State.EndReason,
        Requests = [.. State.Requests.Select(RequestSummaryOf)],
        BranchedFromSessionId = State.BranchedFromSessionId,
        BranchedFromCheckpointId = State.BranchedFromCheckpointId,
        CheckpointCount = State.CheckpointCount,
        PendingClarifications = PendingClarifications(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} created for {Owner}")]
    private partial void LogCreated(string sessionKey, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} ended: {Reason}")]
    private partial void LogEnded(string sessionKey, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} was not created: {Reason}")]
    private partial void LogRefused(string sessionKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} could not report its status {Status} to the session index; it reports again later")]
    private partial void LogIndexSyncFailed(Exception exception, string sessionKey, SessionStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionKey} could not cancel workflow {WorkflowId} while ending; it ends as failed")]
    private partial void LogCancelFailed(Exception exception, string sessionKey, string workflowId);
}
