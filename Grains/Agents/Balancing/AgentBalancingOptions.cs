using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Agents.Balancing;

namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>How a session spreads its tasks over instances of each agent type (section <c>TDeveloper:Agents:Balancing</c>).</summary>
public sealed class AgentBalancingOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Agents:Balancing";

    /// <summary>Gets or sets whether sessions balance at all; off, every task of a type goes to its one agent (instance 0). Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the strategy of types without their own. Default <see cref="BalancingStrategy.LeastConnections"/>.</summary>
    public BalancingStrategy Strategy { get; set; } = BalancingStrategy.LeastConnections;

    /// <summary>Gets or sets per-type settings (<c>TDeveloper:Agents:Balancing:Types:{type}:…</c>). Default none.</summary>
    public Dictionary<string, AgentTypeBalancingOptions> Types { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the most agent instances one session has at once, all types together. Default 50.</summary>
    [Range(1, 500)]
    public int MaxAgentsPerSession { get; set; } = 50;

    /// <summary>Gets or sets the most instances of one type in a session. Default 10.</summary>
    [Range(1, 500)]
    public int MaxInstancesPerType { get; set; } = 10;

    /// <summary>Gets or sets the share of its capacity below which an instance takes new tasks; past it another instance starts. Default 0.8.</summary>
    [Range(0.05, 1.0)]
    public double AvailableBelow { get; set; } = 0.8;

    /// <summary>Gets or sets how long a silo's CPU and memory figures are used before they are read again. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SiloStatisticsRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long past its timeout a lease that was never released lapses (its workflow was lost). Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets the strategy of a type.</summary>
    public BalancingStrategy StrategyOf(string agentType) => Types.TryGetValue(agentType, out var type) && type.Strategy is { } own ? own : Strategy;

    /// <summary>Gets the weight of instance <paramref name="index"/> of a type (1 past the configured list).</summary>
    public int WeightOf(string agentType, int index) => Types.TryGetValue(agentType, out var type) && index < type.Weights.Count ? type.Weights[index] : 1;

    /// <summary>Gets how many instances of a type a session starts with: its <see cref="AgentTypeBalancingOptions.MinInstances"/>, at least one per weight.</summary>
    public int MinInstancesOf(string agentType) => Types.TryGetValue(agentType, out var type) ? Math.Max(type.MinInstances, type.Weights.Count) : 1;
}

/// <summary>The balancing of one agent type (<c>TDeveloper:Agents:Balancing:Types:{type}</c>).</summary>
public sealed class AgentTypeBalancingOptions
{
    /// <summary>Gets or sets the type's strategy, or <see langword="null"/> for the default one.</summary>
    public BalancingStrategy? Strategy { get; set; }

    /// <summary>Gets or sets the weights of instances 0, 1, … for weighted round-robin (1 to 100 each); as many instances start at once.</summary>
    public List<int> Weights { get; set; } = [];

    /// <summary>Gets or sets how many instances a session starts with when the type is first used. Default 1.</summary>
    [Range(1, 500)]
    public int MinInstances { get; set; } = 1;
}
