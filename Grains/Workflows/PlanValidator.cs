using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Workflows;

/// <summary>Checks a plan before it runs and reports every problem at once: ids, agents, dependencies, cycles.</summary>
public static class PlanValidator
{
    /// <summary>The most steps a plan may have.</summary>
    public const int MaxSteps = 200;

    /// <summary>Gets every problem of <paramref name="plan"/>; empty when it may run.</summary>
    public static ImmutableArray<string> Validate(WorkflowPlan plan)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        if (plan.Steps.IsDefaultOrEmpty)
        {
            problems.Add("The plan has no steps.");
            return problems.ToImmutable();
        }

        if (plan.Steps.Length > MaxSteps) problems.Add($"The plan has {plan.Steps.Length} steps; at most {MaxSteps} are allowed.");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            if (!GrainKeys.IsValidSegment(step.Id)) problems.Add($"Step id '{step.Id}' is invalid: use 1-64 letters, digits, '-' or '_'.");
            else if (!ids.Add(step.Id)) problems.Add($"Step id '{step.Id}' is used more than once.");
            if (!AgentNames.All.Contains(step.Agent)) problems.Add($"Step '{step.Id}' names unknown agent '{step.Agent}'; known agents: {string.Join(", ", AgentNames.All)}.");
        }

        foreach (var step in plan.Steps)
        {
            foreach (var dependency in step.DependsOn.IsDefault ? [] : step.DependsOn)
            {
                if (dependency == step.Id) problems.Add($"Step '{step.Id}' depends on itself.");
                else if (!ids.Contains(dependency)) problems.Add($"Step '{step.Id}' depends on '{dependency}', which is not in the plan.");
            }
        }

        if (FindCycle(plan, ids) is { } cycle) problems.Add($"The plan has a dependency cycle: {string.Join(" → ", cycle)}.");
        return problems.ToImmutable();
    }

    private static List<string>? FindCycle(WorkflowPlan plan, HashSet<string> ids)
    {
        var dependencies = plan.Steps
            .GroupBy(s => s.Id)
            .ToDictionary(g => g.Key, g => g.First().DependsOn.IsDefault ? [] : g.First().DependsOn.Where(d => ids.Contains(d) && d != g.Key).ToArray());
        var state = new Dictionary<string, bool>(); // false = on the current path, true = fully explored
        var path = new List<string>();

        List<string>? Visit(string id)
        {
            if (state.TryGetValue(id, out var done))
            {
                return done ? null : [.. path.Skip(path.IndexOf(id)), id];
            }

            state[id] = false;
            path.Add(id);
            foreach (var dependency in dependencies[id])
            {
                if (Visit(dependency) is { } cycle) return cycle;
            }

            path.RemoveAt(path.Count - 1);
            state[id] = true;
            return null;
        }

        return dependencies.Keys.Select(Visit).FirstOrDefault(c => c is not null);
    }
}
