namespace TDeveloper.Grains.Interfaces.Agents.Balancing;

/// <summary>One agent instance of a session as its balancer sees it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentInstanceLoad")]
public sealed record AgentInstanceLoad
{
    /// <summary>Gets the instance's name (<see cref="AgentInstances.NameOf"/>), the last segment of its grain key.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Gets the agent type.</summary>
    [Id(1)] public string AgentType { get; init; } = "";

    /// <summary>Gets the instance number.</summary>
    [Id(2)] public int Index { get; init; }

    /// <summary>Gets the tasks it holds leases for.</summary>
    [Id(3)] public int ActiveTasks { get; init; }

    /// <summary>Gets the most tasks it runs at once (its type's capacity in the registry).</summary>
    [Id(4)] public int Capacity { get; init; }

    /// <summary>Gets its weight for <see cref="BalancingStrategy.WeightedRoundRobin"/>.</summary>
    [Id(5)] public int Weight { get; init; } = 1;

    /// <summary>Gets the silo its activation reported, or <see langword="null"/> before it first activated.</summary>
    [Id(6)] public string? Silo { get; init; }

    /// <summary>Gets its silo's CPU use (0-1), when known.</summary>
    [Id(7)] public double? SiloCpu { get; init; }

    /// <summary>Gets its silo's memory use (0-1 of what it may use), when known.</summary>
    [Id(8)] public double? SiloMemory { get; init; }

    /// <summary>Gets how many tasks it has been given since the session's balancer started.</summary>
    [Id(9)] public long TasksAssigned { get; init; }

    /// <summary>Gets its share of its capacity in use (0-1, above 1 when over).</summary>
    public double Utilisation => Capacity <= 0 ? 1 : (double)ActiveTasks / Capacity;
}
