namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>Questions about a <see cref="WorkflowStatus"/>.</summary>
public static class WorkflowStatusExtensions
{
    /// <summary>Gets whether a workflow in this status has not finished (running, paused or compensating).</summary>
    public static bool IsActive(this WorkflowStatus status) => status is WorkflowStatus.Running or WorkflowStatus.Paused or WorkflowStatus.Compensating;
}
