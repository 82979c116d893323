using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>
/// Runs a plan of steps durably, keyed <c>{tenant}/{workflowId}</c>: independent steps run in
/// parallel, every change is one journal entry written before anything is announced, and after
/// its silo is lost the workflow continues on another within seconds.
/// </summary>
/// <remarks>
/// Every command returns a <see cref="CommandResult{T}"/>. A refusal changes nothing; its
/// <see cref="CommandResult{T}.Value"/> is the workflow as it is (<see langword="null"/> when it was
/// never started).
/// </remarks>
[TenantScoped("workflows/{0}")]
public interface IWorkflowGrain : IGrainWithStringKey
{
    /// <summary>Starts the workflow; starting it again with the same input changes nothing.</summary>
    /// <exception cref="ArgumentException">The plan is invalid; the message lists every problem.</exception>
    [SystemOnly]
    Task<WorkflowSnapshot> StartAsync(StartWorkflowInput input);

    /// <summary>Gets the workflow, or <see langword="null"/> when it was never started.</summary>
    [RequiresPermission(Permissions.WorkflowsRead)]
    Task<WorkflowSnapshot?> GetAsync();

    /// <summary>Gets only the workflow's status (<see cref="WorkflowStatus.None"/> when never started): cheaper than <see cref="GetAsync"/> for a caller that waits.</summary>
    [RequiresPermission(Permissions.WorkflowsRead)]
    Task<WorkflowStatus> GetStatusAsync();

    /// <summary>Gets the tokens and cost of the workflow's steps, each step counted under the model that answered it last.</summary>
    [RequiresPermission(Permissions.WorkflowsRead)]
    Task<Models.UsageBreakdown> GetUsageAsync();

    /// <summary>Cancels a running workflow; its running steps' results are ignored.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the workflow afterwards (a finished one unchanged); refused with
    /// <see cref="CommandOutcome.NotFound"/> when it was never started.
    /// </returns>
    [RequiresPermission(Permissions.WorkflowsCancel)]
    Task<CommandResult<WorkflowSnapshot>> CancelAsync(string reason);

    /// <summary>Pauses a running workflow: no new step starts; running steps finish and are recorded.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the paused workflow; refused with <see cref="CommandOutcome.NotFound"/>
    /// when it was never started, with <see cref="CommandOutcome.Conflict"/> when it is not running.
    /// </returns>
    [RequiresPermission(Permissions.WorkflowsWrite)]
    Task<CommandResult<WorkflowSnapshot>> PauseAsync();

    /// <summary>Resumes a paused workflow.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the running workflow; refused with <see cref="CommandOutcome.NotFound"/>
    /// when it was never started, with <see cref="CommandOutcome.Conflict"/> when it is not paused.
    /// </returns>
    [RequiresPermission(Permissions.WorkflowsWrite)]
    Task<CommandResult<WorkflowSnapshot>> ResumeAsync();

    /// <summary>Records a person's decision on an approval step that is waiting for one.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the workflow afterwards; refused with <see cref="CommandOutcome.NotFound"/>
    /// when it was never started or has no such step, with <see cref="CommandOutcome.Conflict"/> when the step is
    /// not waiting for approval or the workflow is not running.
    /// </returns>
    [RequiresPermission(Permissions.WorkflowsApprove)]
    Task<CommandResult<WorkflowSnapshot>> DecideAsync(ApprovalDecision decision);
}
