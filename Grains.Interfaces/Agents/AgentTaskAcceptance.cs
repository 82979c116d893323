namespace TDeveloper.Grains.Interfaces.Agents;

/// <summary>How an agent took a task handed to it.</summary>
[GenerateSerializer]
public enum AgentTaskAcceptance
{
    /// <summary>The agent started the task; its result will be reported.</summary>
    Started = 0,
    /// <summary>The agent is already running a task with the same idempotency key.</summary>
    AlreadyRunning = 1,
    /// <summary>The agent already finished a task with the same key and reported the recorded result again.</summary>
    AlreadyFinished = 2,
}
