using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>One step of a plan: an agent, what it is asked, and the steps it waits for.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.PlanStep")]
public sealed record PlanStep
{
    /// <summary>Gets the step id, unique in its plan (for example "code").</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets the name of the agent that runs the step (for example "CodeAgent").</summary>
    [Id(1)] public string Agent { get; init; } = "";

    /// <summary>Gets what the agent is asked to do.</summary>
    [Id(2)] public string Instruction { get; init; } = "";

    /// <summary>Gets the ids of the steps that must complete before this one starts.</summary>
    [Id(3)] public ImmutableArray<string> DependsOn { get; init; } = [];
}
