using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>How the decision engine combines its sources (section <c>TDeveloper:Supervisor:Decision</c>); see docs/routing/decision.md.</summary>
public sealed class DecisionOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Supervisor:Decision";

    /// <summary>Gets or sets the weight of the keyword rules. Default 0.5.</summary>
    [Range(0.0, 10.0)]
    public double RulesWeight { get; set; } = 0.5;

    /// <summary>Gets or sets the weight of the model classifier. Default 0.35.</summary>
    [Range(0.0, 10.0)]
    public double ClassifierWeight { get; set; } = 0.35;

    /// <summary>Gets or sets the weight of the tenant's history. Default 0.15.</summary>
    [Range(0.0, 10.0)]
    public double HistoryWeight { get; set; } = 0.15;

    /// <summary>Gets or sets the confidence under which a request waits for a clarification instead of a guess. Default 0.4.</summary>
    [Range(0.0, 1.0)]
    public double ClarifyBelow { get; set; } = 0.4;

    /// <summary>Gets or sets the combined score an agent type needs to be in the plan (the best one always is). Default 0.3.</summary>
    [Range(0.0, 1.0)]
    public double MinAgentScore { get; set; } = 0.3;

    /// <summary>Gets or sets whether the model classifier is asked. Default true.</summary>
    public bool ClassifierEnabled { get; set; } = true;

    /// <summary>Gets or sets how long the classifier may take before the decision goes on without it. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan ClassifierTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the number of samples at which history counts half (its evidence factor is n / (n + this)). Default 5.</summary>
    [Range(0.0, 1000.0)]
    public double HistorySmoothing { get; set; } = 5;
}
