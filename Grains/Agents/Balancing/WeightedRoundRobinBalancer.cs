using TDeveloper.Grains.Interfaces.Agents.Balancing;

namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>
/// Smooth weighted round-robin (the algorithm nginx uses): every pick adds each available instance's weight to its running
/// score, takes the highest, and lowers it by the total weight. Over any run of picks each instance's share matches its
/// weight, interleaved rather than in bursts; an instance that is full is skipped without losing its turn for long.
/// </summary>
public sealed class WeightedRoundRobinBalancer : ILoadBalancer
{
    private readonly Dictionary<string, long> _scores = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public int Choose(IReadOnlyList<AgentInstanceLoad> available)
    {
        var best = -1;
        long total = 0, bestScore = long.MinValue;
        for (var i = 0; i < available.Count; i++)
        {
            var weight = Math.Max(1, available[i].Weight);
            total += weight;
            var score = _scores[available[i].Name] = _scores.GetValueOrDefault(available[i].Name) + weight;
            if (score > bestScore) (best, bestScore) = (i, score);
        }

        _scores[available[best].Name] = bestScore - total;
        return best;
    }
}
