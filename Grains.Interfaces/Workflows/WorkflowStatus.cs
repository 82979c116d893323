namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>The states of a workflow.</summary>
[GenerateSerializer]
public enum WorkflowStatus
{
    /// <summary>The workflow has not been started.</summary>
    None = 0,
    /// <summary>Steps are pending or running.</summary>
    Running = 1,
    /// <summary>Every step completed.</summary>
    Completed = 2,
    /// <summary>A step failed after its last attempt.</summary>
    Failed = 3,
    /// <summary>The workflow was cancelled.</summary>
    Cancelled = 4,
    /// <summary>No new step starts until the workflow is resumed; running steps finish.</summary>
    Paused = 5,
    /// <summary>A step failed and the completed steps are being undone, newest first.</summary>
    Compensating = 6,
    /// <summary>A step failed and the completed steps were undone.</summary>
    Compensated = 7,
    /// <summary>The request waits in its session's queue for a free slot; its workflow has not started.</summary>
    Queued = 8,
}
