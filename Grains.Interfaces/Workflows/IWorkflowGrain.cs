namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>
/// Runs a plan of steps durably, keyed <c>{tenant}/{workflowId}</c>: independent steps run in
/// parallel, every change is one journal entry written before anything is announced, and after
/// its silo is lost the workflow continues on another within seconds.
/// </summary>
public interface IWorkflowGrain : IGrainWithStringKey
{
    /// <summary>Starts the workflow; starting it again with the same input changes nothing.</summary>
    /// <exception cref="ArgumentException">The plan is invalid; the message lists every problem.</exception>
    Task<WorkflowSnapshot> StartAsync(StartWorkflowInput input);

    /// <summary>Gets the workflow, or <see langword="null"/> when it was never started.</summary>
    Task<WorkflowSnapshot?> GetAsync();

    /// <summary>Cancels a running workflow; its running steps' results are ignored.</summary>
    Task<WorkflowSnapshot?> CancelAsync(string reason);

    /// <summary>Pauses a running workflow: no new step starts; running steps finish and are recorded.</summary>
    Task<WorkflowCommandResult> PauseAsync();

    /// <summary>Resumes a paused workflow.</summary>
    Task<WorkflowCommandResult> ResumeAsync();

    /// <summary>Records a person's decision on an approval step that is waiting for one.</summary>
    Task<WorkflowCommandResult> DecideAsync(ApprovalDecision decision);
}
