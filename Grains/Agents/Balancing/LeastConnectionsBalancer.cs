using TDeveloper.Grains.Interfaces.Agents.Balancing;

namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>The instance with the fewest tasks in flight; ties go to the lower instance number.</summary>
public sealed class LeastConnectionsBalancer : ILoadBalancer
{
    /// <inheritdoc/>
    public int Choose(IReadOnlyList<AgentInstanceLoad> available)
    {
        var best = 0;
        for (var i = 1; i < available.Count; i++)
            if (available[i].ActiveTasks < available[best].ActiveTasks) best = i;
        return best;
    }
}
