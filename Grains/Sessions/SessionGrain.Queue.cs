using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Input;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Queueing;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Queueing;

namespace TDeveloper.Grains.Sessions;

/// <summary>
/// The session's request queue: a request beyond <c>MaxRunningRequests</c> waits, stored in <see cref="SessionState.Queue"/>,
/// and starts by its effective priority (<see cref="PriorityQueueEngine{T}"/>) when a running request finishes.
/// </summary>
/// <remarks>
/// The queue lives in the session's own state, so it is as durable as the session: a silo loss drops no queued request, and
/// the next activation (a finished workflow's callback, the heartbeat, any call) rebuilds it and starts what fits. A queued
/// workflow is started before it leaves the stored queue, and starting a workflow twice changes nothing, so a crash in
/// between starts it once.
/// </remarks>
public sealed partial class SessionGrain
{
    private PriorityQueueEngine<QueuedRequest>? _queue;
    private List<QueuedRequest>? _queueBuiltFrom;
    private QueueOptions? _queueOptions;

    private QueueOptions QueueSettings => _queueOptions ??= ServiceProvider.GetRequiredService<IOptions<QueueOptions>>().Value;

    /// <summary>Gets the engine over <see cref="SessionState.Queue"/>, rebuilt when the state was (re)loaded.</summary>
    private PriorityQueueEngine<QueuedRequest> RequestQueue
    {
        get
        {
            if (_queue is not null && ReferenceEquals(_queueBuiltFrom, State.Queue)) return _queue;
            _queue = new PriorityQueueEngine<QueuedRequest>(_time, QueueSettings.AgingPeriod, QueueSettings.SlaWindow);
            foreach (var item in State.Queue) _queue.Restore(item.WorkflowId, GrainKeys.TenantOf(SessionKey), item.Priority, item, item.QueuedAt, item.Deadline, item.Sequence);
            _queueBuiltFrom = State.Queue;
            return _queue;
        }
    }

    /// <summary>Checks a submission's priority and deadline, and that it can run or wait: a refusal, or <see langword="null"/>.</summary>
    private CommandResult<SubmittedRequest>? RefuseQueueing(SubmitRequestInput input)
    {
        if (!Enum.IsDefined(input.Priority))
            return CommandResult<SubmittedRequest>.Refused(CommandOutcome.Invalid, $"'priority' must be one of {string.Join(", ", Enum.GetNames<RequestPriority>())}.");
        if (input.Deadline is { } deadline && deadline <= _time.GetUtcNow())
            return CommandResult<SubmittedRequest>.Refused(CommandOutcome.Invalid, "'deadline' is in the past.");
        if (!MustQueue() || State.Queue.Count < QueueSettings.MaxDepth) return null;
        TDeveloperTelemetry.QueueRejections.Add(1);
        LogQueueFull(SessionKey, State.Queue.Count);
        return CommandResult<SubmittedRequest>.Refused(
            CommandOutcome.LimitReached,
            $"The queue is full: the session runs {_options.MaxRunningRequests} requests and {State.Queue.Count} wait (at most {QueueSettings.MaxDepth}); retry later.");
    }

    /// <summary>Gets whether a new request must wait: the session runs all it may, or others already wait (they go first by priority).</summary>
    private bool MustQueue() => !SessionLifecycle.HasCapacity(State, _options) || State.Queue.Count > 0 || State.Status != SessionStatus.Active;

    /// <summary>Stores the planned request in the queue, then starts what fits; returns it queued (with its place) or started.</summary>
    private async Task<CommandResult<SubmittedRequest>> QueueRequestAsync(SubmitRequestInput input, PreparedRequest prepared, ExecutionPlan plan)
    {
        var now = _time.GetUtcNow();
        var workflowId = GrainKeys.NewWorkflowId();
        var queued = new QueuedRequest
        {
            WorkflowId = workflowId,
            Priority = input.Priority,
            Deadline = input.Deadline,
            QueuedAt = now,
            Sequence = State.QueueSequence++,
            Start = StartInputOf(prepared, plan),
        };
        var engine = RequestQueue;
        State.Queue.Add(queued);
        engine.Restore(workflowId, GrainKeys.TenantOf(SessionKey), queued.Priority, queued, queued.QueuedAt, queued.Deadline, queued.Sequence);
        var request = NewRequest(workflowId, input, prepared, plan, WorkflowStatus.Queued, now);
        State.Requests.Add(request);
        SessionLifecycle.Touch(State, now);
        var position = PositionInQueue(workflowId);
        await PersistAsync(QueueEvent(SessionEventKind.RequestQueued, queued, $"queued at position {position} of {State.Queue.Count}"));
        TDeveloperTelemetry.QueueDepth.Add(1);
        CountQueuedTasks(queued.Start, 1);
        TDeveloperTelemetry.RequestsSubmitted.Add(1);
        LogQueued(SessionKey, workflowId, queued.Priority, position);

        await DeliverOwnEventsFirstAsync();
        await DispatchQueuedAsync();
        return CommandResult<SubmittedRequest>.Ok(request.Status == WorkflowStatus.Queued
            ? new SubmittedRequest { WorkflowId = workflowId, Plan = plan, Status = WorkflowStatus.Queued, QueuePosition = PositionInQueue(workflowId) }
            : new SubmittedRequest { WorkflowId = workflowId, Plan = plan, Status = request.Status });
    }

    /// <summary>Starts queued requests, best first, while the session is active and has free slots.</summary>
    private async Task DispatchQueuedAsync()
    {
        if (State.Queue.Count == 0) return;
        var engine = RequestQueue;
        while (State.Status == SessionStatus.Active && SessionLifecycle.HasCapacity(State, _options) && engine.Dequeue() is { } next)
        {
            var item = next.Value;
            var request = State.Requests.Find(r => r.WorkflowId == item.WorkflowId);
            if (request is null || request.Status != WorkflowStatus.Queued)
            {
                State.Queue.Remove(item); // a stale entry (its request moved on): forget it with the next write
                continue;
            }

            request.Status = WorkflowStatus.Running; // holds its slot while the workflow starts
            WorkflowSnapshot snapshot;
            try
            {
                // Started by whatever freed the slot (another request's end, a heartbeat): the span continues the queued request's own trace.
                using var activity = TraceContexts.StartContinuation("session.start_queued", item.Start.TraceParent).WithSession(SessionKey);
                activity?.SetTag(TraceContexts.Workflow, item.WorkflowId);
                snapshot = await WorkflowOf(request).StartAsync(item.Start);
            }
            catch (Exception ex)
            {
                // It stays queued (stored as it was): the next finished request or heartbeat tries again.
                request.Status = WorkflowStatus.Queued;
                RequestQueue.Restore(item.WorkflowId, next.Tenant, item.Priority, item, item.QueuedAt, item.Deadline, item.Sequence);
                LogDispatchFailed(ex, SessionKey, item.WorkflowId);
                return;
            }

            var now = _time.GetUtcNow();
            State.Queue.Remove(item);
            request.Status = snapshot.Status == WorkflowStatus.None ? WorkflowStatus.Running : snapshot.Status;
            var missed = !item.DeadlineMissed && item.Deadline is { } deadline && now > deadline;
            if (missed) item.DeadlineMissed = true;
            await PersistAsync(missed ? QueueEvent(SessionEventKind.QueueDeadlineMissed, item, $"started {(now - item.Deadline!.Value).TotalSeconds:0.#} s after its deadline") : null);
            if (missed) RecordDeadlineMissed(item);

            var priority = new KeyValuePair<string, object?>("priority", TagOf(item.Priority));
            TDeveloperTelemetry.QueueDepth.Add(-1);
            CountQueuedTasks(item.Start, -1);
            TDeveloperTelemetry.QueueWait.Record((now - item.QueuedAt).TotalSeconds, priority);
            TDeveloperTelemetry.QueueDequeues.Add(1, new KeyValuePair<string, object?>("outcome", "started"), priority);
            LogDequeued(SessionKey, item.WorkflowId, item.Priority, (now - item.QueuedAt).TotalSeconds);
            OnSignificantChange($"queued workflow {item.WorkflowId} started");
        }
    }

    /// <summary>On each heartbeat: raises the alert of queued requests past their deadline, then starts what fits.</summary>
    private async Task CheckQueueAsync()
    {
        if (State.Queue.Count == 0) return;
        var now = _time.GetUtcNow();
        foreach (var item in State.Queue.Where(q => !q.DeadlineMissed && q.Deadline is { } d && now > d).ToList())
        {
            item.DeadlineMissed = true;
            await PersistAsync(QueueEvent(SessionEventKind.QueueDeadlineMissed, item, $"still queued {(now - item.Deadline!.Value).TotalSeconds:0.#} s after its deadline"));
            RecordDeadlineMissed(item);
        }

        await DispatchQueuedAsync();
    }

    /// <inheritdoc/>
    public async Task<CommandResult<SessionSnapshot>> CancelQueuedRequestAsync(string workflowId)
    {
        ArgumentNullException.ThrowIfNull(workflowId);
        if (State.Status == SessionStatus.None) return CommandResult<SessionSnapshot>.Refused(CommandOutcome.NotFound, "The session does not exist.");
        var request = State.Requests.Find(r => r.WorkflowId == workflowId);
        if (request is null) return CommandResult<SessionSnapshot>.Refused(CommandOutcome.NotFound, $"The session has no request '{workflowId}'.", Snapshot());
        if (request.Status != WorkflowStatus.Queued)
            return CommandResult<SessionSnapshot>.Refused(CommandOutcome.Conflict, $"Request '{workflowId}' is not queued (it is {request.Status}); cancel its workflow instead.", Snapshot());
        RequestQueue.Remove(workflowId);
        var item = State.Queue.Find(q => q.WorkflowId == workflowId);
        if (item is not null) State.Queue.Remove(item);
        request.Status = WorkflowStatus.Cancelled;
        SessionLifecycle.Touch(State, _time.GetUtcNow());
        await PersistAsync();
        TDeveloperTelemetry.QueueDepth.Add(-1);
        if (item is not null) CountQueuedTasks(item.Start, -1);
        TDeveloperTelemetry.QueueDequeues.Add(1, new KeyValuePair<string, object?>("outcome", "cancelled"), new KeyValuePair<string, object?>("priority", TagOf(request.Priority)));
        LogQueuedCancelled(SessionKey, workflowId);
        return CommandResult<SessionSnapshot>.Ok(Snapshot()!);
    }

    /// <summary>Counts the steps of a queued request's plan in <see cref="TDeveloperTelemetry.AgentTasksQueued"/>, per agent type (<paramref name="delta"/> +1 queued, -1 taken).</summary>
    private static void CountQueuedTasks(StartWorkflowInput start, int delta)
    {
        foreach (var agent in start.Plan.Steps.GroupBy(s => s.Agent))
            TDeveloperTelemetry.AgentTasksQueued.Add(delta * agent.Count(), new KeyValuePair<string, object?>("agent", agent.Key));
    }

    /// <summary>A session that ends cancels what still waits (stored with the end's write).</summary>
    private void CancelQueuedOnEnd()
    {
        foreach (var item in State.Queue)
        {
            if (State.Requests.Find(r => r.WorkflowId == item.WorkflowId) is { Status: WorkflowStatus.Queued } request) request.Status = WorkflowStatus.Cancelled;
            TDeveloperTelemetry.QueueDepth.Add(-1);
            CountQueuedTasks(item.Start, -1);
            TDeveloperTelemetry.QueueDequeues.Add(1, new KeyValuePair<string, object?>("outcome", "cancelled"), new KeyValuePair<string, object?>("priority", TagOf(item.Priority)));
        }

        State.Queue.Clear();
        _queue = null;
    }

    private int PositionInQueue(string workflowId)
    {
        var order = RequestQueue.Ordered();
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i].Id == workflowId) return i + 1;
        }

        return 0;
    }

    private void RecordDeadlineMissed(QueuedRequest item)
    {
        TDeveloperTelemetry.QueueDeadlinesMissed.Add(1, new KeyValuePair<string, object?>("priority", TagOf(item.Priority)));
        LogDeadlineMissed(SessionKey, item.WorkflowId, item.Priority, item.Deadline!.Value);
    }

    private SessionEvent QueueEvent(SessionEventKind kind, QueuedRequest item, string message) => new()
    {
        Kind = kind,
        SessionId = GrainKeys.LocalIdOf(SessionKey),
        WorkflowId = item.WorkflowId,
        Status = item.Priority.ToString(),
        Message = message,
        At = _time.GetUtcNow(),
    };

    private static string TagOf(RequestPriority priority) => priority switch
    {
        RequestPriority.Critical => "critical",
        RequestPriority.High => "high",
        RequestPriority.Low => "low",
        _ => "normal",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} queued request {WorkflowId} ({Priority}) at position {Position}")]
    private partial void LogQueued(string sessionKey, string workflowId, RequestPriority priority, int position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} started queued request {WorkflowId} ({Priority}) after {WaitSeconds} s")]
    private partial void LogDequeued(string sessionKey, string workflowId, RequestPriority priority, double waitSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} refused a request: its queue is full ({Depth} waiting)")]
    private partial void LogQueueFull(string sessionKey, int depth);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} queued request {WorkflowId} ({Priority}) missed its deadline {Deadline}")]
    private partial void LogDeadlineMissed(string sessionKey, string workflowId, RequestPriority priority, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} cancelled queued request {WorkflowId}")]
    private partial void LogQueuedCancelled(string sessionKey, string workflowId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} could not start queued request {WorkflowId}; it stays queued and is tried again")]
    private partial void LogDispatchFailed(Exception exception, string sessionKey, string workflowId);
}
