using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// One shard of the durable index of workflows that may need waking after a silo is lost (running, waiting,
/// or with notifications not yet delivered), keyed by shard number. Only grains and the recovery service call it.
/// </summary>
public interface IWorkflowIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a workflow; returns once the index is durable.</summary>
    [SystemOnly]
    Task AddAsync(string workflowKey);

    /// <summary>Removes a workflow that no longer needs watching.</summary>
    [SystemOnly]
    Task RemoveAsync(string workflowKey);

    /// <summary>Wakes every indexed workflow after <paramref name="incident"/> (e.g. a silo's death); an incident already handled is ignored.</summary>
    [SystemOnly]
    Task RecoverAsync(string incident);
}
