using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Workflows;

/// <summary>Helpers over a plan's dependency graph.</summary>
public static class PlanGraph
{
    /// <summary>Gets a step's hard dependencies (an array, not a sequence: the scheduler reads them on every transition).</summary>
    public static ImmutableArray<string> Hard(PlanStep step) => step.DependsOn.IsDefault ? [] : step.DependsOn;

    /// <summary>Gets a step's soft dependencies.</summary>
    public static ImmutableArray<string> Soft(PlanStep step) => step.SoftDependsOn.IsDefault ? [] : step.SoftDependsOn;

    /// <summary>Gets every step a step waits for, hard or soft.</summary>
    public static IEnumerable<string> All(PlanStep step) => Hard(step).Concat(Soft(step)).Distinct();

    /// <summary>Gets whether a step status is final: it will not change unless the workflow is compensated.</summary>
    public static bool IsFinished(StepStatus status) =>
        status is StepStatus.Completed or StepStatus.Failed or StepStatus.Skipped or StepStatus.Cancelled or StepStatus.Compensated;
}
