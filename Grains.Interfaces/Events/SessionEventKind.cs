namespace TDeveloper.Grains.Interfaces.Events;

/// <summary>The kinds of events a session's stream carries.</summary>
[GenerateSerializer]
public enum SessionEventKind
{
    /// <summary>The session's status changed.</summary>
    SessionStatusChanged = 0,
    /// <summary>A workflow started.</summary>
    WorkflowStarted = 1,
    /// <summary>A step was handed to its agent.</summary>
    StepStarted = 2,
    /// <summary>A step completed.</summary>
    StepCompleted = 3,
    /// <summary>An attempt of a step failed and will be retried.</summary>
    StepRetrying = 4,
    /// <summary>A step failed after its last attempt.</summary>
    StepFailed = 5,
    /// <summary>Every step of a workflow completed.</summary>
    WorkflowCompleted = 6,
    /// <summary>A workflow failed.</summary>
    WorkflowFailed = 7,
    /// <summary>A workflow was cancelled.</summary>
    WorkflowCancelled = 8,
    /// <summary>A step was skipped (its condition did not hold, or a hard dependency did not complete).</summary>
    StepSkipped = 9,
    /// <summary>An approval step is waiting for a decision.</summary>
    StepAwaitingApproval = 10,
    /// <summary>A workflow was paused.</summary>
    WorkflowPaused = 11,
    /// <summary>A workflow was resumed.</summary>
    WorkflowResumed = 12,
    /// <summary>A step failed and the workflow began undoing its completed steps.</summary>
    WorkflowCompensating = 13,
    /// <summary>A completed step was undone.</summary>
    StepCompensated = 14,
    /// <summary>Every completed step of a failed workflow was undone.</summary>
    WorkflowCompensated = 15,
    /// <summary>
    /// Text a running step's model produced since the last delta. Live only: never logged, <see cref="SessionEvent.Sequence"/> is 0,
    /// a watcher that reconnects does not get it again; the step's durable output comes with <see cref="StepCompleted"/>.
    /// </summary>
    StepOutputDelta = 16,
    /// <summary>The session's heartbeat found an agent stale or unresponsive and recreated it; its steps are handed over again.</summary>
    AgentRecreated = 17,
    /// <summary>An agent could not start again: the session's heartbeat moved its unfinished steps to a fallback agent type.</summary>
    AgentFallback = 18,
    /// <summary>The session came back after a crash and its recovery from checkpoints succeeded (or found nothing to restore).</summary>
    SessionRecovered = 19,
    /// <summary>An attempt to recover the session after a crash failed; after the last attempt the session ends as failed.</summary>
    SessionRecoveryFailed = 20,
    /// <summary>A checkpoint of the session was stored (<see cref="SessionEvent.Status"/> is its kind, the message names it and its size).</summary>
    CheckpointTaken = 21,
    /// <summary>A branch session was created from a checkpoint: on the branch (naming its source) and on the source (naming the branch).</summary>
    SessionBranched = 22,
    /// <summary>A checkpoint could not be stored, or a corrupt one was skipped by recovery; the message says why.</summary>
    CheckpointSkipped = 23,
    /// <summary>A monitored figure of the session crossed its threshold (memory, duration or error rate): <see cref="SessionEvent.Status"/> names the kind, the message the figures.</summary>
    SessionAlert = 24,
    /// <summary>A figure that had raised an alert is back under its threshold: <see cref="SessionEvent.Status"/> names the kind.</summary>
    SessionAlertCleared = 25,
    /// <summary>A request waited in the session's queue past its deadline: <see cref="SessionEvent.WorkflowId"/> names it.</summary>
    QueueDeadlineMissed = 26,
    /// <summary>A request was queued for a free slot (<see cref="SessionEvent.Status"/> is its priority, the message its position).</summary>
    RequestQueued = 27,
    /// <summary>The decision engine was not sure about a request: it waits for the user's answer (the message is the question, <see cref="SessionEvent.Status"/> the clarification id).</summary>
    ClarificationRequested = 28,
    /// <summary>An agent type's p99 task duration or error rate on a silo crossed its threshold (<see cref="SessionEvent.Status"/> raised) or fell back under it (cleared), judged at a task of this session.</summary>
    RoutingAlert = 29,
}
