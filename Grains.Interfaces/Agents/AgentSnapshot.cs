namespace TDeveloper.Grains.Interfaces.Agents;

/// <summary>What a caller sees of an agent of a session.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentSnapshot")]
public sealed record AgentSnapshot
{
    /// <summary>Gets the agent instance's name: its type for the first instance (<c>code</c>), <c>code.1</c>, … for more (<see cref="AgentInstances"/>).</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Gets how many tasks completed.</summary>
    [Id(1)] public int TasksCompleted { get; init; }

    /// <summary>Gets how many task attempts failed.</summary>
    [Id(2)] public int TasksFailed { get; init; }

    /// <summary>Gets the sum of the model's working time over all tasks.</summary>
    [Id(3)] public TimeSpan TotalModelTime { get; init; }

    /// <summary>Gets the number of items in the agent's memory tiers (each finished task leaves two: its instruction and its result).</summary>
    [Id(4)] public int ConversationTurns { get; init; }

    /// <summary>Gets the idempotency key of a task in flight, if any.</summary>
    [Id(5)] public string? TaskInFlight { get; init; }

    /// <summary>Gets the tokens the model reported using in all, where it reports them.</summary>
    [Id(6)] public long TotalTokens { get; init; }

    /// <summary>Gets how many tasks are running now.</summary>
    [Id(7)] public int TasksInFlight { get; init; }

    /// <summary>Gets the agent's type (<see cref="Name"/> is the instance: <c>code</c>, <c>code.1</c>, …).</summary>
    [Id(90)] public string AgentType { get; init; } = "";
}
