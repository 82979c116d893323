using TDeveloper.Grains.Interfaces.Agents.Balancing;

namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>Picks which of the available instances of one agent type takes the next task.</summary>
public interface ILoadBalancer
{
    /// <summary>Returns the index in <paramref name="available"/> (never empty) of the instance to use.</summary>
    int Choose(IReadOnlyList<AgentInstanceLoad> available);

    /// <summary>Creates the balancer of a strategy; weighted round-robin keeps state, so each type gets its own.</summary>
    static ILoadBalancer For(BalancingStrategy strategy) => strategy switch
    {
        BalancingStrategy.WeightedRoundRobin => new WeightedRoundRobinBalancer(),
        BalancingStrategy.ResourceBased => new ResourceBasedBalancer(),
        _ => new LeastConnectionsBalancer(),
    };
}
