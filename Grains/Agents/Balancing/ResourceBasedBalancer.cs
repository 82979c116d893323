using TDeveloper.Grains.Interfaces.Agents.Balancing;

namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>
/// The instance with the lowest load score: 0.4 × its silo's CPU use + 0.3 × its silo's memory use + 0.3 × its share of
/// its capacity in use (each 0-1). A silo not yet measured counts as the average of those that are (0 when none is), so it
/// neither wins nor loses on figures nobody has; ties go to fewer tasks, then the lower instance number.
/// </summary>
public sealed class ResourceBasedBalancer : ILoadBalancer
{
    /// <summary>The weight of the silo's CPU use.</summary>
    public const double CpuWeight = 0.4;

    /// <summary>The weight of the silo's memory use.</summary>
    public const double MemoryWeight = 0.3;

    /// <summary>The weight of the instance's own share of its capacity.</summary>
    public const double TasksWeight = 0.3;

    /// <summary>Gets the score of an instance, given the figures to assume for an unmeasured silo.</summary>
    public static double ScoreOf(AgentInstanceLoad instance, double assumedCpu, double assumedMemory) =>
        CpuWeight * Math.Clamp(instance.SiloCpu ?? assumedCpu, 0, 1) + MemoryWeight * Math.Clamp(instance.SiloMemory ?? assumedMemory, 0, 1)
        + TasksWeight * Math.Clamp(instance.Utilisation, 0, 1);

    /// <inheritdoc/>
    public int Choose(IReadOnlyList<AgentInstanceLoad> available)
    {
        var cpu = Average(available.Select(a => a.SiloCpu));
        var memory = Average(available.Select(a => a.SiloMemory));
        var best = 0;
        var bestScore = ScoreOf(available[0], cpu, memory);
        for (var i = 1; i < available.Count; i++)
        {
            var score = ScoreOf(available[i], cpu, memory);
            if (score < bestScore - 1e-9 || (Math.Abs(score - bestScore) <= 1e-9 && available[i].ActiveTasks < available[best].ActiveTasks)) (best, bestScore) = (i, score);
        }

        return best;
    }

    private static double Average(IEnumerable<double?> values) => values.OfType<double>().DefaultIfEmpty(0).Average();
}
