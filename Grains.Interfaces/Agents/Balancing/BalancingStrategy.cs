namespace TDeveloper.Grains.Interfaces.Agents.Balancing;

/// <summary>How a session picks which instance of an agent type takes the next task.</summary>
public enum BalancingStrategy
{
    /// <summary>The available instance with the fewest tasks in flight.</summary>
    LeastConnections,

    /// <summary>Smooth weighted round-robin over the available instances: each gets tasks in proportion to its weight.</summary>
    WeightedRoundRobin,

    /// <summary>The available instance with the lowest load score: 0.4 × its silo's CPU + 0.3 × its silo's memory + 0.3 × its own task share.</summary>
    ResourceBased,
}
