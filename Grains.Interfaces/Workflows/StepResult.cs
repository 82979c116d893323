using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>What an agent reports back to a workflow when one attempt of a step has finished.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.StepResult")]
public sealed record StepResult
{
    /// <summary>Gets the step id.</summary>
    [Id(0)] public string StepId { get; init; } = "";

    /// <summary>Gets the attempt number this result belongs to.</summary>
    [Id(1)] public int Attempt { get; init; }

    /// <summary>Gets whether the attempt succeeded.</summary>
    [Id(2)] public bool Succeeded { get; init; }

    /// <summary>Gets the agent's output when it succeeded.</summary>
    [Id(3)] public string? Output { get; init; }

    /// <summary>Gets the error when it failed.</summary>
    [Id(4)] public string? Error { get; init; }

    /// <summary>Gets whether a failure may succeed if tried again (timeouts, throttling, unavailable model).</summary>
    [Id(5)] public bool Retryable { get; init; }

    /// <summary>Gets how long the agent worked on the attempt.</summary>
    [Id(6)] public TimeSpan Duration { get; init; }

    /// <summary>Gets whether this is the result of the step's compensation rather than of the step.</summary>
    [Id(7)] public bool Compensation { get; init; }

    /// <summary>Gets which model answered and why, when a model was called.</summary>
    [Id(8)] public ModelDecision? Model { get; init; }

    /// <summary>Gets the tokens and cost of the attempt's model calls.</summary>
    [Id(9)] public ModelUsage? Usage { get; init; }

    /// <summary>Gets the workspace files the attempt wrote, by path.</summary>
    [Id(10)] public ImmutableArray<string> FilesChanged { get; init; } = [];
}
