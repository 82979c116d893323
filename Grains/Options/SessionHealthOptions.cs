using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Agents;

namespace TDeveloper.Grains.Options;

/// <summary>
/// Gets or sets what a live session's heartbeat checks of its agents (section <c>TDeveloper:Sessions:Health</c>); see
/// <see cref="Sessions.Health.AgentHealthRules"/> for the rules they bound.
/// </summary>
public sealed class SessionHealthOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Sessions:Health";

    /// <summary>Gets or sets whether the heartbeat checks the agents of a session's running requests. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets how long a task in flight may go without progress (its start, a model delta) before its agent is
    /// stale and recreated. A task is also stale past its step's timeout, whichever comes first. Default 5 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan StaleAgentAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long the heartbeat waits for an agent's or a workflow's answer before it counts it as not answering. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets the agent type that takes the unfinished steps of an agent that cannot start again (key: agent, value:
    /// its fallback). An agent without an entry has no fallback: its steps wait for it (and their step timeouts). Defaults:
    /// DesignAgent, ReviewAgent, TestAgent and DocsAgent → CodeAgent; SecurityAgent → ReviewAgent.
    /// </summary>
    public Dictionary<string, string> FallbackAgents { get; set; } = new()
    {
        [AgentNames.Design] = AgentNames.Code,
        [AgentNames.Review] = AgentNames.Code,
        [AgentNames.Test] = AgentNames.Code,
        [AgentNames.Docs] = AgentNames.Code,
        [AgentNames.Security] = AgentNames.Review,
    };

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (agent, fallback) in FallbackAgents)
        {
            if (!AgentNames.All.Contains(agent)) yield return new ValidationResult($"FallbackAgents names an unknown agent '{agent}'.", [nameof(FallbackAgents)]);
            if (!AgentNames.All.Contains(fallback)) yield return new ValidationResult($"FallbackAgents gives '{agent}' an unknown fallback '{fallback}'.", [nameof(FallbackAgents)]);
            if (agent == fallback) yield return new ValidationResult($"FallbackAgents gives '{agent}' itself as fallback.", [nameof(FallbackAgents)]);
        }
    }
}
