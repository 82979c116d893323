using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Interfaces.Supervision;

/// <summary>A named, versioned plan the supervisor instantiates for a request; <c>{{request}}</c> in an instruction becomes the request text.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.PlanTemplate")]
public sealed record PlanTemplate
{
    /// <summary>Gets the template's name, e.g. "feature".</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Gets the version; a changed template gets a new version, old workflows keep the plan they were given.</summary>
    [Id(1)] public int Version { get; init; }

    /// <summary>Gets what the template is for.</summary>
    [Id(2)] public string Description { get; init; } = "";

    /// <summary>Gets the plan, with <c>{{request}}</c> placeholders.</summary>
    [Id(3)] public WorkflowPlan Plan { get; init; } = new();
}
