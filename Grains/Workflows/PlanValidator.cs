using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Workflows;

/// <summary>Checks a plan before it runs and reports every problem at once: ids, agents, dependencies, conditions, templates, cycles.</summary>
public static class PlanValidator
{
    /// <summary>The most steps a plan may have.</summary>
    public const int MaxSteps = 200;

    /// <summary>The most attempts a step may ask for.</summary>
    public const int MaxAttemptsLimit = 20;

    /// <summary>The longest instruction (or compensation instruction) a step may have, in characters: a request's own limit.</summary>
    public const int MaxInstructionLength = Interfaces.Sessions.SubmitRequestInput.MaxTextLength;

    /// <summary>The longest condition a step may have, in characters.</summary>
    public const int MaxConditionLength = 1024;

    /// <summary>Gets every problem of <paramref name="plan"/>; empty when it may run.</summary>
    public static ImmutableArray<string> Validate(WorkflowPlan plan) => Validate(plan, BuiltInAgentProblem);

    /// <summary>Gets why a step may not name <paramref name="agent"/> when only the built-in agents are known (the rest of "Step 'x' …"), or <see langword="null"/>.</summary>
    public static string? BuiltInAgentProblem(string agent) =>
        AgentNames.All.Contains(agent) ? null : $"names unknown agent '{agent}'; known agents: {string.Join(", ", AgentNames.All)}.";

    /// <summary>Gets every problem of <paramref name="plan"/>, each agent step's agent checked by <paramref name="agentProblem"/> (the tenant's registry); empty when it may run.</summary>
    public static ImmutableArray<string> Validate(WorkflowPlan plan, Func<string, string?> agentProblem)
    {
        ArgumentNullException.ThrowIfNull(agentProblem);
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
        }

        foreach (var step in plan.Steps) CheckStep(step, ids, problems, agentProblem);
        if (FindCycle(plan, ids) is { } cycle) problems.Add($"The plan has a dependency cycle: {string.Join(" → ", cycle)}.");
        return problems.ToImmutable();
    }

    /// <summary>Gets a problem for each model a step pins that <paramref name="isInCatalog"/> does not know; empty when all are known.</summary>
    public static ImmutableArray<string> ValidateModels(WorkflowPlan plan, Func<string, bool> isInCatalog) =>
    [
        .. plan.Steps.Where(step => !step.Models.IsDefaultOrEmpty)
            .SelectMany(step => step.Models.Where(model => !isInCatalog(model)).Select(model => $"Step '{step.Id}' pins model '{model}', which is not in the catalog (TDeveloper:Models:Catalog)."))
    ];

    private static void CheckStep(PlanStep step, HashSet<string> ids, ImmutableArray<string>.Builder problems, Func<string, string?> agentProblem)
    {
        if (step.Kind == StepKind.Agent && agentProblem(step.Agent) is { } agent) problems.Add($"Step '{step.Id}' {agent}");

        if (step.Kind == StepKind.Approval && step.CompensationInstruction is not null) problems.Add($"Approval step '{step.Id}' cannot have a compensation.");
        if (step.Instruction.Length > MaxInstructionLength) problems.Add($"The instruction of step '{step.Id}' has {step.Instruction.Length} characters; at most {MaxInstructionLength} are allowed.");
        if (step.CompensationInstruction?.Length > MaxInstructionLength) problems.Add($"The compensation of step '{step.Id}' has {step.CompensationInstruction.Length} characters; at most {MaxInstructionLength} are allowed.");
        if (step.Condition?.Length > MaxConditionLength) problems.Add($"The condition of step '{step.Id}' has {step.Condition.Length} characters; at most {MaxConditionLength} are allowed.");
        if (step.MaxAttempts is < 1 or > MaxAttemptsLimit) problems.Add($"Step '{step.Id}' asks for {step.MaxAttempts} attempts; use 1 to {MaxAttemptsLimit}.");
        if (step.Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromDays(1))) problems.Add($"Step '{step.Id}' has timeout {timeout}; use more than 0 and at most 1 day.");

        var dependencies = PlanGraph.All(step).ToHashSet();
        foreach (var dependency in dependencies)
        {
            if (dependency == step.Id) problems.Add($"Step '{step.Id}' depends on itself.");
            else if (!ids.Contains(dependency)) problems.Add($"Step '{step.Id}' depends on '{dependency}', which is not in the plan.");
        }

        if (step.Condition is { } condition)
        {
            try
            {
                foreach (var read in StepCondition.Parse(condition).ReferencedSteps.Where(r => !dependencies.Contains(r)))
                {
                    problems.Add($"The condition of step '{step.Id}' reads step '{read}', which it does not depend on.");
                }
            }
            catch (FormatException ex)
            {
                problems.Add($"Step '{step.Id}': {ex.Message}");
            }
        }

        foreach (var read in InstructionTemplate.ReferencedSteps(step.Instruction).Where(r => !dependencies.Contains(r)))
        {
            problems.Add($"The instruction of step '{step.Id}' uses the output of step '{read}', which it does not depend on.");
        }
    }

    private static List<string>? FindCycle(WorkflowPlan plan, HashSet<string> ids)
    {
        var dependencies = plan.Steps
            .GroupBy(s => s.Id)
            .ToDictionary(g => g.Key, g => PlanGraph.All(g.First()).Where(d => ids.Contains(d) && d != g.Key).ToArray());
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
