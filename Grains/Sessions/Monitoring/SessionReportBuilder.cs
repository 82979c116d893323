using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Sessions.Reports;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Sessions.Monitoring;

/// <summary>What a session's report is made of: the session's own figures, its log's events, its workflows and checkpoints.</summary>
public sealed record SessionReportInput
{
    /// <summary>Gets the session id (without tenant).</summary>
    public string SessionId { get; init; } = "";

    /// <summary>Gets the session's status.</summary>
    public SessionStatus Status { get; init; }

    /// <summary>Gets when the session was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the session's logged events, oldest first.</summary>
    public IReadOnlyList<SessionEvent> Events { get; init; } = [];

    /// <summary>Gets its workflows, oldest first.</summary>
    public IReadOnlyList<WorkflowSnapshot> Workflows { get; init; } = [];

    /// <summary>Gets the serialized size of its state.</summary>
    public long StateBytes { get; init; }

    /// <summary>Gets its agents' memory, as last sampled.</summary>
    public AgentMemoryUsage AgentMemory { get; init; } = AgentMemoryUsage.None;

    /// <summary>Gets its kept checkpoints, newest first.</summary>
    public ImmutableArray<CheckpointInfo> Checkpoints { get; init; } = [];

    /// <summary>Gets its alerts raised and not cleared.</summary>
    public IReadOnlyList<SessionAlert> Alerts { get; init; } = [];
}

/// <summary>Builds a <see cref="SessionReport"/>: the timeline from the session's log, the steps and totals from its workflows.</summary>
public static class SessionReportBuilder
{
    /// <summary>The kinds of events the timeline shows: the session's status, its requests' workflows, its alerts.</summary>
    public static readonly ImmutableHashSet<SessionEventKind> TimelineKinds =
    [
        SessionEventKind.SessionStatusChanged, SessionEventKind.WorkflowStarted, SessionEventKind.WorkflowCompleted,
        SessionEventKind.WorkflowFailed, SessionEventKind.WorkflowCancelled, SessionEventKind.WorkflowPaused,
        SessionEventKind.WorkflowResumed, SessionEventKind.WorkflowCompensating, SessionEventKind.WorkflowCompensated,
        SessionEventKind.SessionAlert, SessionEventKind.SessionAlertCleared,
        SessionEventKind.AgentRecreated, SessionEventKind.AgentFallback, SessionEventKind.SessionRecovered, SessionEventKind.SessionRecoveryFailed,
        SessionEventKind.CheckpointTaken, SessionEventKind.SessionBranched, SessionEventKind.CheckpointSkipped,
    ];

    /// <summary>Builds the report as of <paramref name="now"/>.</summary>
    public static SessionReport Build(SessionReportInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var timeline = input.Events.Where(e => TimelineKinds.Contains(e.Kind)).TakeLast(SessionReport.MaxTimelineEntries).Select(e => new SessionTimelineEntry
        {
            At = e.At, Kind = e.Kind, Status = e.Status, WorkflowId = e.WorkflowId, Message = e.Message, Sequence = e.Sequence,
        }).ToImmutableArray();
        var steps = input.Workflows.SelectMany(w => w.Steps.Select(s => new SessionReportStep
        {
            WorkflowId = w.Id, StepId = s.Id, Agent = s.Agent, Status = s.Status, Attempts = s.Attempts, StartedAt = s.StartedAt,
            FinishedAt = s.FinishedAt, Duration = s.StartedAt is { } started && s.FinishedAt is { } finished && finished >= started ? finished - started : null,
            Usage = s.Usage ?? ModelUsage.None, Error = s.Error,
        })).ToImmutableArray();

        var finishedSteps = steps.Count(s => WorkflowFigures.IsFinished(s.Status));
        var failedSteps = steps.Count(s => s.Status == StepStatus.Failed);
        var end = SessionLifecycle.IsEnded(input.Status) && input.Events.LastOrDefault(e => e.Kind == SessionEventKind.SessionStatusChanged && e.Status == input.Status.ToString()) is { } ended
            ? ended.At
            : now;
        return new SessionReport
        {
            SessionId = input.SessionId,
            Status = input.Status,
            GeneratedAt = now,
            Timeline = timeline,
            Steps = steps,
            Totals = new SessionReportTotals
            {
                Usage = steps.Aggregate(ModelUsage.None, (sum, s) => sum + s.Usage),
                Workflows = input.Workflows.Count,
                FinishedSteps = finishedSteps,
                FailedSteps = failedSteps,
                ErrorRate = finishedSteps == 0 ? 0 : (double)failedSteps / finishedSteps,
                Duration = end - input.CreatedAt,
                StateBytes = input.StateBytes,
                MemoryBytes = input.StateBytes + input.AgentMemory.Bytes,
                MemoryItems = input.AgentMemory.Items,
            },
            Checkpoints = input.Checkpoints,
            Alerts = [.. input.Alerts],
        };
    }
}
