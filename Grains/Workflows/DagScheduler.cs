using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Workflows;

/// <summary>Orders a valid plan: which steps may start now, and which groups of steps may run in parallel.</summary>
public static class DagScheduler
{
    /// <summary>
    /// Gets the plan's steps as parallel groups (a topological sort by levels): every step of a group
    /// depends (hard or soft) only on steps of earlier groups. The plan must be acyclic.
    /// </summary>
    public static ImmutableArray<ImmutableArray<string>> ParallelGroups(WorkflowPlan plan)
    {
        var remaining = plan.Steps.ToDictionary(s => s.Id, s => PlanGraph.All(s).ToHashSet());
        var groups = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        while (remaining.Count > 0)
        {
            var group = plan.Steps.Select(s => s.Id).Where(id => remaining.TryGetValue(id, out var deps) && deps.Count == 0).ToImmutableArray();
            if (group.IsEmpty) throw new InvalidOperationException("The plan has a dependency cycle; validate it first.");
            foreach (var id in group) remaining.Remove(id);
            foreach (var deps in remaining.Values) deps.ExceptWith(group);
            groups.Add(group);
        }

        return groups.ToImmutable();
    }

    /// <summary>
    /// Gets the pending steps whose hard dependencies have completed, whose soft dependencies have
    /// finished either way, and whose retry delay has passed, in plan order, at most enough to bring
    /// the running steps up to <paramref name="maxRunning"/>.
    /// </summary>
    public static IReadOnlyList<PlanStep> ReadySteps(WorkflowPlan plan, IReadOnlyDictionary<string, StepState> steps, DateTimeOffset now, int maxRunning)
    {
        var free = maxRunning;
        foreach (var state in steps.Values)
        {
            if (state.Status == StepStatus.Running) free--;
        }

        if (free <= 0) return [];
        var ready = new List<PlanStep>();
        foreach (var step in plan.Steps)
        {
            if (steps[step.Id] is not { Status: StepStatus.Pending } state || state.NextAttemptAt > now) continue;
            if (!AllHave(PlanGraph.Hard(step), steps, static s => s == StepStatus.Completed) || !AllHave(PlanGraph.Soft(step), steps, PlanGraph.IsFinished)) continue;
            ready.Add(step);
            if (ready.Count == free) break;
        }

        return ready;
    }

    private static bool AllHave(ImmutableArray<string> dependencies, IReadOnlyDictionary<string, StepState> steps, Func<StepStatus, bool> status)
    {
        foreach (var dependency in dependencies)
        {
            if (!status(steps[dependency].Status)) return false;
        }

        return true;
    }
}
