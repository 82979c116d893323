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
    /// <summary>Did not run: its condition did not hold, or a step it hard-depends on did not complete.</summary>
    Skipped = 5,
    /// <summary>An approval step waiting for a person's decision.</summary>
    AwaitingApproval = 6,
    /// <summary>Completed, then undone by its compensation when the workflow was compensated.</summary>
    Compensated = 7,
}
