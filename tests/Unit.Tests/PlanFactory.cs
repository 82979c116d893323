using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Unit.Tests;

/// <summary>Builds plans from a compact notation: "code:design,lint" is step "code" depending on "design" and "lint".</summary>
internal static class PlanFactory
{
    public static WorkflowPlan Of(params string[] steps) => new()
    {
        Steps = [.. steps.Select(spec =>
        {
            var parts = spec.Split(':');
            return new PlanStep
            {
                Id = parts[0],
                Agent = AgentNames.Code,
                Instruction = $"do {parts[0]}",
                DependsOn = parts.Length > 1 && parts[1].Length > 0 ? [.. parts[1].Split(',')] : [],
            };
        })],
    };
}
