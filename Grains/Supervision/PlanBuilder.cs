using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Grains.Supervision;

/// <summary>
/// Builds a workflow plan from intents: design comes first, code builds on the design, test,
/// security and docs build on the code (and so run in parallel), review waits for everything else.
/// </summary>
public static class PlanBuilder
{
    private static readonly ImmutableDictionary<string, string> Instructions = new Dictionary<string, string>
    {
        ["design"] = "Design the architecture, interfaces and data model for this request",
        ["code"] = "Implement this request",
        ["test"] = "Write automated tests that verify this request",
        ["security"] = "Review this request's implementation for security issues and propose fixes",
        ["docs"] = "Document this request for its users",
        ["review"] = "Review the finished work on this request as a whole",
    }.ToImmutableDictionary();

    /// <summary>Builds the execution plan for a request and its intents.</summary>
    public static ExecutionPlan Build(string requestText, ImmutableArray<Intent> intents)
    {
        var present = intents.Select(i => i.Name).ToHashSet();
        var steps = new List<PlanStep>();
        foreach (var intent in OrderedByRule(intents))
        {
            steps.Add(new PlanStep
            {
                Id = intent.Name,
                Agent = intent.Agent,
                Instruction = $"{Instructions.GetValueOrDefault(intent.Name, "Carry out this request")}: {requestText}",
                DependsOn = DependenciesOf(intent.Name, present),
            });
        }

        var plan = new WorkflowPlan { Steps = [.. steps] };
        var groups = DagScheduler.ParallelGroups(plan).Select(g => string.Join(" ∥ ", g));
        return new ExecutionPlan
        {
            Intents = [.. intents.OrderByDescending(i => i.Confidence)],
            Plan = plan,
            Rationale = string.Join(" → ", groups),
        };
    }

    private static IEnumerable<Intent> OrderedByRule(ImmutableArray<Intent> intents) =>
        intents.OrderBy(i => IntentRules.All.IndexOf(IntentRules.All.FirstOrDefault(r => r.Intent == i.Name) ?? IntentRules.All[^1]));

    private static ImmutableArray<string> DependenciesOf(string intent, HashSet<string> present)
    {
        // The nearest earlier stage that the plan has: code waits for design; test, security and
        // docs wait for code (or for design when nothing is coded); review waits for all the rest.
        string? Upstream(params string[] candidates) => candidates.FirstOrDefault(present.Contains);
        return intent switch
        {
            "design" => [],
            "code" => Upstream("design") is { } d ? [d] : [],
            "test" or "security" or "docs" => Upstream("code", "design") is { } u ? [u] : [],
            "review" => [.. present.Where(p => p != "review").OrderBy(p => p)],
            _ => [],
        };
    }
}
