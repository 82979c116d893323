using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>A plan of steps whose dependencies form a directed acyclic graph.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.WorkflowPlan")]
public sealed record WorkflowPlan
{
    /// <summary>Gets the steps, in the order they were planned.</summary>
    [Id(0)] public ImmutableArray<PlanStep> Steps { get; init; } = [];
}
