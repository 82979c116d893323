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
}
