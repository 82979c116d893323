using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Client;

/// <summary>
/// Describes where a session stands as the events that would have led there, so that a late
/// watcher starts from the current state and then follows the live events.
/// </summary>
/// <remarks>
/// The session's status comes first (dated now), then per workflow: <see cref="SessionEventKind.WorkflowStarted"/>,
/// one event per step that has started (pending steps that never ran and cancelled steps have none), and the
/// workflow's final event once it has finished.
/// </remarks>
public static class SessionSnapshotEvents
{
    /// <summary>The longest message an event carries, in characters.</summary>
    public const int MaxMessageLength = 200;

    /// <summary>Gets the events that describe <paramref name="session"/> and its <paramref name="workflows"/>.</summary>
    public static IEnumerable<SessionEvent> Create(SessionSnapshot session, IEnumerable<WorkflowSnapshot> workflows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(workflows);
        yield return new SessionEvent
        {
            Kind = SessionEventKind.SessionStatusChanged,
            IsSnapshot = true,
            SessionId = session.Id,
            Status = session.Status.ToString(),
            Message = Summarise(session.EndReason),
            At = now,
        };

        foreach (var workflow in workflows)
        {
            foreach (var workflowEvent in ForWorkflow(workflow))
            {
                yield return workflowEvent with { IsSnapshot = true };
            }
        }
    }

    private static IEnumerable<SessionEvent> ForWorkflow(WorkflowSnapshot workflow)
    {
        var started = new SessionEvent
        {
            Kind = SessionEventKind.WorkflowStarted,
            SessionId = workflow.SessionId,
            WorkflowId = workflow.Id,
            Status = nameof(WorkflowStatus.Running),
            Message = Summarise(workflow.RequestText),
            At = workflow.CreatedAt,
        };
        yield return started;

        foreach (var step in workflow.Steps)
        {
            if (StepKind(step) is { } kind)
            {
                yield return started with
                {
                    Kind = kind,
                    StepId = step.Id,
                    Agent = step.Agent,
                    Status = step.Status.ToString(),
                    Message = Summarise(step.Status == StepStatus.Completed ? step.Output : step.Error),
                    At = step.FinishedAt ?? step.StartedAt ?? workflow.CreatedAt,
                    Attempt = step.Attempts,
                };
            }
        }

        if (FinalKind(workflow.Status) is { } final)
        {
            yield return started with
            {
                Kind = final,
                Status = workflow.Status.ToString(),
                Message = Summarise(workflow.Error),
                At = workflow.FinishedAt ?? workflow.CreatedAt,
            };
        }
    }

    private static SessionEventKind? StepKind(StepSnapshot step) => step.Status switch
    {
        StepStatus.Running => SessionEventKind.StepStarted,
        StepStatus.Completed => SessionEventKind.StepCompleted,
        StepStatus.Failed => SessionEventKind.StepFailed,
        StepStatus.Pending when step.Attempts > 0 => SessionEventKind.StepRetrying,
        _ => null,
    };

    private static SessionEventKind? FinalKind(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Completed => SessionEventKind.WorkflowCompleted,
        WorkflowStatus.Failed => SessionEventKind.WorkflowFailed,
        WorkflowStatus.Cancelled => SessionEventKind.WorkflowCancelled,
        _ => null,
    };

    private static string? Summarise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var line = text.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0) line = line[..end];
        return line.Length <= MaxMessageLength ? line.ToString() : string.Concat(line[..(MaxMessageLength - 1)], "…");
    }
}
