using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Client;

/// <summary>
/// <see cref="WorkflowHandle.ResultAsync"/>: the workflow ended without completing, <see cref="WorkflowStatus.Failed"/> or
/// <see cref="WorkflowStatus.Compensated"/> (it failed and its completed steps were undone). <see cref="Workflow"/> holds its steps and error.
/// </summary>
public class WorkflowFailedException : TDeveloperException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowFailedException()
        : this("The workflow failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkflowFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WorkflowFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a workflow that ended without completing.</summary>
    public WorkflowFailedException(WorkflowSnapshot workflow)
        : base($"Workflow '{workflow?.Id}' ended {workflow?.Status}: {workflow?.Error ?? "no error given"}.")
    {
        Workflow = workflow;
    }

    /// <summary>Gets the workflow as it ended.</summary>
    public WorkflowSnapshot? Workflow { get; }
}
