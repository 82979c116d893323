using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Registry;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Grains.Sessions;

/// <summary>The session's use of its tenant's agent registry: a new plan's agents must be registered and Active.</summary>
public sealed partial class SessionGrain
{
    /// <summary>Gets the agent check of a new plan from this silo's copy of the tenant's registry (read again only when stale or missing a name).</summary>
    private async Task<Func<string, string?>> RegisteredAgentProblemsAsync(WorkflowPlan plan)
    {
        var names = plan.Steps.IsDefaultOrEmpty ? [] : plan.Steps.Where(s => s.Kind == StepKind.Agent).Select(s => s.Agent).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return PlanValidator.BuiltInAgentProblem;
        var view = await ServiceProvider.GetRequiredService<AgentRegistryCache>().GetAsync(GrainKeys.TenantOf(SessionKey), names);
        return view.ProblemFor;
    }
}
