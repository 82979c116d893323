using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Client;

/// <summary>
/// <see cref="WorkflowHandle.ResultAsync"/>: the workflow was cancelled (by <see cref="WorkflowHandle.CancelAsync"/>, by its
/// session's cancellation, or as a queued request that never started).
/// </summary>
public class WorkflowCancelledException : WorkflowFailedException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowCancelledException()
        : this("The workflow was cancelled.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkflowCancelledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WorkflowCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a cancelled workflow.</summary>
    public WorkflowCancelledException(WorkflowSnapshot workflow)
        : base(workflow)
    {
    }
}
