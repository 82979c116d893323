using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Agents;

/// <summary>
/// A specialised agent of one session, keyed <c>{tenant}/{sessionId}/{agentName}</c>: it runs
/// tasks with a language model, keeps its conversation and statistics durably, and runs each
/// idempotency key at most once.
/// </summary>
[TenantScoped("sessions/{0}/agents/{1}")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Starts a task and returns at once; the result is reported to the task's workflow.</summary>
    [SystemOnly]
    Task<AgentTaskAcceptance> StartTaskAsync(AgentTask task);

    /// <summary>Cancels the running task with this idempotency key, if any; its model call is cancelled and its result is not reported.</summary>
    [SystemOnly]
    Task CancelTaskAsync(string idempotencyKey);

    /// <summary>Gets the agent's statistics.</summary>
    [RequiresPermission(Permissions.SessionsRead)]
    Task<AgentSnapshot> GetAsync();

    /// <summary>Gets the health of the activation that answers: its id and start, its tasks in flight, its last progress and failure.</summary>
    [SystemOnly]
    Task<AgentHealth> GetHealthAsync();

    /// <summary>
    /// Recreates the agent: its running tasks are cancelled without a result (their workflows hand them over again), it takes
    /// no new task, and it deactivates once idle, so the next call starts a fresh activation.
    /// </summary>
    [SystemOnly]
    Task RecreateAsync(string reason);

    /// <summary>Gets an estimate of what the agent's memory tiers hold in its activation (items and bytes), for its session's monitoring.</summary>
    [SystemOnly]
    Task<Sessions.Reports.AgentMemoryUsage> GetMemoryUsageAsync();
}
