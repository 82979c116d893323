using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Sessions.Reports;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Sessions.Monitoring;

namespace TDeveloper.Grains.Sessions;

// Monitoring (issue 12 item 6): each heartbeat of a live session samples its memory, duration, error rate, tokens and cost, and
// raises an alert (log, metric, event) once per crossing of a threshold; the report gathers the same figures with the timeline.
public sealed partial class SessionGrain
{
    /// <summary>How many samples may reuse a state size measured before it is measured again, whatever the change key says.</summary>
    private const int StateSizeReuseLimit = 10;

    private SessionSampler? _sampler;
    private SessionMonitor? _monitor;
    private SessionMonitoringOptions? _monitoring;
    private (SessionStatus, int, int, long, DateTimeOffset, int, int, DateTimeOffset?)? _stateSizeKey;
    private long _stateBytes;
    private int _stateSizeReused;

    private SessionMonitoringOptions MonitoringOptions => _monitoring ??= ServiceProvider.GetRequiredService<IOptions<SessionMonitoringOptions>>().Value;

    private SessionSampler Sampler => _sampler ??= new SessionSampler();

    /// <summary>The heartbeat's monitoring: samples the session and raises or clears its alerts. A failure is logged; the next heartbeat samples again.</summary>
    private async Task SampleAsync()
    {
        if (!MonitoringOptions.Enabled || !SessionLifecycle.IsLive(State.Status)) return;
        try
        {
            await RefreshFiguresAsync();
            var sample = Sampler.Sample(_time.GetUtcNow(), State.CreatedAt, StateBytes());
            _monitor ??= new SessionMonitor(MonitoringOptions);
            TDeveloperTelemetry.SessionMemory.Record(sample.MemoryBytes);
            TDeveloperTelemetry.SessionAge.Record(sample.Duration.TotalSeconds);
            if (_monitor.ErrorRateJudged(sample)) TDeveloperTelemetry.SessionErrorRate.Record(sample.ErrorRate);

            var changes = _monitor.Evaluate(sample, State.Alerts);
            foreach (var alert in changes.Raised)
            {
                State.Alerts.Add(alert);
                LogAlertRaised(SessionKey, alert.Kind, alert.Message);
                TDeveloperTelemetry.SessionAlerts.Add(1, new KeyValuePair<string, object?>("kind", TagOf(alert.Kind)));
                await PersistAsync(AlertEvent(SessionEventKind.SessionAlert, alert.Kind, alert.Message));
            }

            foreach (var kind in changes.Cleared)
            {
                State.Alerts.RemoveAll(a => a.Kind == kind);
                LogAlertCleared(SessionKey, kind);
                await PersistAsync(AlertEvent(SessionEventKind.SessionAlertCleared, kind, $"{TagOf(kind)} back under its threshold"));
            }
        }
        catch (Exception ex)
        {
            LogSampleFailed(ex, SessionKey);
        }
    }

    /// <summary>Reads the workflows whose figures may have changed and, when a request ran since the last sample, the agents' memory sizes.</summary>
    private async Task RefreshFiguresAsync(IReadOnlyDictionary<string, WorkflowSnapshot>? alreadyRead = null)
    {
        var now = _time.GetUtcNow();
        var toRead = Sampler.WorkflowsToRead(State.Requests.Select(r => r.WorkflowId));
        if (!toRead.IsEmpty)
        {
            var read = await Task.WhenAll(toRead.Select(async id => (Id: id, Workflow: alreadyRead?.GetValueOrDefault(id) ?? await WorkflowById(id).GetAsync())));
            foreach (var (id, workflow) in read)
            {
                if (workflow is not null) Sampler.Update(id, WorkflowFigures.Of(workflow), now, _options.HeartbeatInterval);
            }
        }

        if (!Sampler.AgentsStale) return;
        var sizes = await Task.WhenAll(Sampler.Agents.Select(async agent =>
            (agent, await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(SessionKey, agent)).GetMemoryUsageAsync())));
        Sampler.UpdateAgents(sizes);
    }

    /// <inheritdoc/>
    public async Task<SessionReport?> GetReportAsync()
    {
        if (State.Status == SessionStatus.None) return null;
        var workflows = (await Task.WhenAll(State.Requests.Select(r => WorkflowOf(r).GetAsync()))).OfType<WorkflowSnapshot>().ToList();
        await RefreshFiguresAsync(workflows.ToDictionary(w => w.Id, StringComparer.Ordinal));
        await DeliverOwnEventsFirstAsync();
        var events = await ReadTimelineEventsAsync();
        var last = Sampler.Sample(_time.GetUtcNow(), State.CreatedAt, StateBytes());
        return SessionReportBuilder.Build(new SessionReportInput
        {
            SessionId = GrainKeys.LocalIdOf(SessionKey),
            Status = State.Status,
            CreatedAt = State.CreatedAt,
            Events = events,
            Workflows = workflows,
            StateBytes = last.StateBytes,
            AgentMemory = new AgentMemoryUsage { Items = last.MemoryItems, Bytes = last.AgentBytes },
            Checkpoints = await ListCheckpointsAsync(),
            Alerts = State.Alerts,
        }, _time.GetUtcNow());
    }

    /// <summary>Reads the session's log, keeping the events the timeline shows (the newest <see cref="SessionReport.MaxTimelineEntries"/>).</summary>
    private async Task<List<SessionEvent>> ReadTimelineEventsAsync()
    {
        const int PageSize = 256;
        var log = GrainFactory.GetGrain<ISessionEventLogGrain>(SessionKey);
        var kept = new Queue<SessionEvent>();
        long after = 0;
        while (true)
        {
            var page = await log.ReadAsync(after, PageSize);
            foreach (var e in page.Events.Where(e => SessionReportBuilder.TimelineKinds.Contains(e.Kind)))
            {
                kept.Enqueue(e);
                if (kept.Count > SessionReport.MaxTimelineEntries) kept.Dequeue();
            }

            if (page.Events.IsEmpty || page.Events[^1].Sequence >= page.LastSequence) break;
            after = page.Events[^1].Sequence;
        }

        return [.. kept];
    }

    /// <summary>The serialized size of the state, measured again when it may have changed (and at least every few samples).</summary>
    private long StateBytes()
    {
        var key = (State.Status, State.Requests.Count, State.Outbox.Count, State.OutboxDeliveredThrough, State.LastActivityAt, State.CheckpointCount, State.Alerts.Count, State.LastCheckpointAt);
        if (_stateSizeKey == key && _stateSizeReused++ < StateSizeReuseLimit) return _stateBytes;
        _stateBytes = ServiceProvider.GetRequiredService<Serializer>().SerializeToArray(State).Length;
        _stateSizeKey = key;
        _stateSizeReused = 0;
        return _stateBytes;
    }

    private IWorkflowGrain WorkflowById(string workflowId) =>
        GrainFactory.GetGrain<IWorkflowGrain>(GrainKeys.Workflow(GrainKeys.TenantOf(SessionKey), workflowId));

    private SessionEvent AlertEvent(SessionEventKind kind, SessionAlertKind alert, string message) => new()
    {
        Kind = kind,
        SessionId = GrainKeys.LocalIdOf(SessionKey),
        Status = alert.ToString(),
        Message = message,
        At = _time.GetUtcNow(),
    };

    private static string TagOf(SessionAlertKind kind) => kind switch
    {
        SessionAlertKind.Memory => "memory",
        SessionAlertKind.Duration => "duration",
        SessionAlertKind.ErrorRate => "error_rate",
        _ => "other",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} raised a {Kind} alert: {Message}")]
    private partial void LogAlertRaised(string sessionKey, SessionAlertKind kind, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} cleared its {Kind} alert")]
    private partial void LogAlertCleared(string sessionKey, SessionAlertKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} could not sample its monitoring figures; it samples again on its next heartbeat")]
    private partial void LogSampleFailed(Exception exception, string sessionKey);
}
