namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>The states of one step of a workflow.</summary>
[GenerateSerializer]
public enum StepStatus
{
    /// <summary>Waiting for its dependencies, or for its next attempt.</summary>
    Pending = 0,
    /// <summary>Handed to its agent.</summary>
    Running = 1,
    /// <summary>Finished successfully; its output is kept.</summary>
    Completed = 2,
    /// <summary>Failed after its last attempt; its error is kept.</summary>
    Failed = 3,
    /// <summary>Will not run because the workflow failed or was cancelled first.</summary>
    Cancelled = 4,
}
