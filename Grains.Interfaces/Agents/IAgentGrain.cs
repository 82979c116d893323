namespace TDeveloper.Grains.Interfaces.Agents;

/// <summary>
/// A specialised agent of one session, keyed <c>{tenant}/{sessionId}/{agentName}</c>: it runs
/// tasks with a language model, keeps its conversation and statistics durably, and runs each
/// idempotency key at most once.
/// </summary>
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Starts a task and returns at once; the result is reported to the task's workflow.</summary>
    Task<AgentTaskAcceptance> StartTaskAsync(AgentTask task);

    /// <summary>Cancels the running task with this idempotency key, if any; its model call is cancelled and its result is not reported.</summary>
    Task CancelTaskAsync(string idempotencyKey);

    /// <summary>Gets the agent's statistics.</summary>
    Task<AgentSnapshot> GetAsync();
}
