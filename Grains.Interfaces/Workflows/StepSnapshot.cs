using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>What a caller sees of one step.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.StepSnapshot")]
public sealed record StepSnapshot
{
    /// <summary>Gets the step id.</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets the agent that runs the step.</summary>
    [Id(1)] public string Agent { get; init; } = "";

    /// <summary>Gets the ids of the steps this one waits for.</summary>
    [Id(2)] public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>Gets the step's state.</summary>
    [Id(3)] public StepStatus Status { get; init; }

    /// <summary>Gets how many attempts have been started (0 before the first).</summary>
    [Id(4)] public int Attempts { get; init; }

    /// <summary>Gets when the current or last attempt started.</summary>
    [Id(5)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the step completed or failed.</summary>
    [Id(6)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets the agent's output once the step completed.</summary>
    [Id(7)] public string? Output { get; init; }

    /// <summary>Gets the last error, kept even when a later attempt succeeded.</summary>
    [Id(8)] public string? Error { get; init; }

    /// <summary>Gets what kind of step this is.</summary>
    [Id(9)] public StepKind Kind { get; init; }

    /// <summary>Gets the ids of the steps this one waits for, successfully or not.</summary>
    [Id(10)] public ImmutableArray<string> SoftDependsOn { get; init; } = [];

    /// <summary>Gets the step's condition, if it has one.</summary>
    [Id(11)] public string? Condition { get; init; }

    /// <summary>Gets the output of the step's compensation, once it ran.</summary>
    [Id(12)] public string? CompensationOutput { get; init; }

    /// <summary>Gets which model answered the step and why (the router's scores, the models tried).</summary>
    [Id(13)] public ModelDecision? Model { get; init; }

    /// <summary>Gets the tokens and cost of every attempt of the step, compensation included.</summary>
    [Id(14)] public ModelUsage? Usage { get; init; }

    /// <summary>Gets the workspace files the step wrote, by path.</summary>
    [Id(15)] public ImmutableArray<string> FilesChanged { get; init; } = [];

    /// <summary>Gets the agent instance (<see cref="Agents.AgentInstances.NameOf"/>) its latest attempt went to, or <see langword="null"/> before one was dispatched.</summary>
    [Id(90)] public string? Instance { get; init; }
}
