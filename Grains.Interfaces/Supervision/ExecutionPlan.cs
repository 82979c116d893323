using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Interfaces.Supervision;

/// <summary>The supervisor's answer to a request: the intents it found and the workflow plan that serves them.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ExecutionPlan")]
public sealed record ExecutionPlan
{
    /// <summary>Gets the intents found, strongest first.</summary>
    [Id(0)] public ImmutableArray<Intent> Intents { get; init; } = [];

    /// <summary>Gets the plan to run.</summary>
    [Id(1)] public WorkflowPlan Plan { get; init; } = new();

    /// <summary>Gets a one-line explanation of the plan.</summary>
    [Id(2)] public string Rationale { get; init; } = "";

    /// <summary>Gets how the decision engine chose the plan's agents and template, or <see langword="null"/> for a named template or a caller's plan.</summary>
    [Id(70)] public RoutingDecision? Decision { get; init; }
}
