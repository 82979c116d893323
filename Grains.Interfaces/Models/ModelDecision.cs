using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>Which model answered a step and why: stored with the step so a user can see the choice.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ModelDecision")]
public sealed record ModelDecision
{
    /// <summary>Gets the catalog id of the model that answered.</summary>
    [Id(0)] public string Model { get; init; } = "";

    /// <summary>Gets the provider of that model.</summary>
    [Id(1)] public string Provider { get; init; } = "";

    /// <summary>Gets a one-line explanation ("pinned by the step", "chain of CodeAgent", "best score 0.82 of 3 eligible").</summary>
    [Id(2)] public string Reason { get; init; } = "";

    /// <summary>Gets the router's scores of every catalog model, or of the pinned or chained models only.</summary>
    [Id(3)] public ImmutableArray<ModelCandidateScore> Candidates { get; init; } = [];

    /// <summary>Gets the models tried in order, the answering one last.</summary>
    [Id(4)] public ImmutableArray<ModelAttempt> Attempts { get; init; } = [];
}
