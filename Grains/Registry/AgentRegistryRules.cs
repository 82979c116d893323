using TDeveloper.Grains.Interfaces.Agents;

namespace TDeveloper.Grains.Registry;

/// <summary>How plans meet the registry outside the session's check.</summary>
public static class AgentRegistryRules
{
    /// <summary>
    /// The agent check of a workflow's start: its session checked the plan against the tenant's registry a moment before, so any
    /// built-in or well-formed custom name is accepted; the agent refuses a type the registry no longer has.
    /// </summary>
    public static string? StartedPlanAgentProblem(string agent) =>
        AgentNames.All.Contains(agent) || AgentTypeRules.IsValidName(agent) ? null : $"names unknown agent '{agent}'; known agents: {string.Join(", ", AgentNames.All)} and the tenant's registered types.";
}
