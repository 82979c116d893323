using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>What a caller sees of a workflow.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.WorkflowSnapshot")]
public sealed record WorkflowSnapshot
{
    /// <summary>Gets the workflow id (without tenant).</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets the id (without tenant) of the owning session.</summary>
    [Id(1)] public string SessionId { get; init; } = "";

    /// <summary>Gets the request the workflow carries out.</summary>
    [Id(2)] public string RequestText { get; init; } = "";

    /// <summary>Gets the workflow's state.</summary>
    [Id(3)] public WorkflowStatus Status { get; init; }

    /// <summary>Gets when the workflow started.</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the workflow reached a final state.</summary>
    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets why the workflow failed or was cancelled.</summary>
    [Id(6)] public string? Error { get; init; }

    /// <summary>Gets the steps in plan order.</summary>
    [Id(7)] public ImmutableArray<StepSnapshot> Steps { get; init; } = [];

    /// <summary>Gets the plan's parallel groups: each group's steps may run at the same time once the groups before it are done.</summary>
    [Id(8)] public ImmutableArray<ImmutableArray<string>> ParallelGroups { get; init; } = [];
}
