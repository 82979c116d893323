using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Workflows;

/// <summary>The state of one step; a record, so a journal entry can hold just the steps that changed.</summary>
[GenerateSerializer, Alias("TDeveloper.StepState")]
public sealed record StepState
{
    /// <summary>Gets or sets the step's state.</summary>
    [Id(0)] public StepStatus Status { get; set; }

    /// <summary>Gets or sets how many attempts have been started.</summary>
    [Id(1)] public int Attempts { get; set; }

    /// <summary>Gets or sets when the current or last attempt started.</summary>
    [Id(2)] public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Gets or sets when the step completed or failed.</summary>
    [Id(3)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Gets or sets the output of the successful attempt.</summary>
    [Id(4)] public string? Output { get; set; }

    /// <summary>Gets or sets the last error.</summary>
    [Id(5)] public string? Error { get; set; }

    /// <summary>Gets or sets the earliest time of the next attempt, while a retry waits.</summary>
    [Id(6)] public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Gets or sets the output of the step's compensation, once it ran.</summary>
    [Id(7)] public string? CompensationOutput { get; set; }

    /// <summary>Gets or sets which model answered the step and why.</summary>
    [Id(8)] public ModelDecision? Model { get; set; }

    /// <summary>Gets or sets the tokens and cost of every attempt so far.</summary>
    [Id(9)] public ModelUsage? Usage { get; set; }

    /// <summary>Gets or sets the workspace files the step wrote.</summary>
    [Id(10)] public ImmutableArray<string> FilesChanged { get; set; } = [];

    /// <summary>Gets or sets the agent the step was moved to because its planned agent could not start (a session health fallback); <see langword="null"/> while it runs on its planned agent.</summary>
    [Id(30)] public string? Agent { get; set; }

    /// <summary>Gets or sets the instance of its agent type that the current attempt was leased to (<see langword="null"/>: instance 0), written with the attempt's start.</summary>
    [Id(90)] public int? Instance { get; set; }
}
