using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Workflows;

/// <summary>What other grains tell a workflow (the same grain as <see cref="IWorkflowGrain"/>); not part of the client contract.</summary>
[TenantScoped("workflows/{0}")]
public interface IWorkflowCallbacks : IGrainWithStringKey
{
    /// <summary>An agent reports that an attempt of a step has finished; returns once the result is durable (or known to be stale).</summary>
    [SystemOnly]
    Task OnStepFinishedAsync(StepResult result);

    /// <summary>
    /// Wakes the workflow after a silo was lost: it reloads if needed, times out overdue steps, hands in-flight
    /// work to its agents again and redelivers its outbox. Returns whether the workflow still needs watching
    /// (active, or with notifications not yet acknowledged).
    /// </summary>
    [SystemOnly]
    Task<bool> RecoverAsync();

    /// <summary>
    /// Moves the unfinished steps of agent <paramref name="from"/> to agent <paramref name="to"/> (an agent that cannot start,
    /// replaced by its fallback type), journalled like any change, and hands their in-flight attempts to the new agent.
    /// Returns how many attempts were handed over; a finished workflow changes nothing.
    /// </summary>
    [SystemOnly]
    Task<int> ReassignAgentAsync(string from, string to, string reason);
}
