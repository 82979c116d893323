namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>How the router rated one model of the catalog for a step.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ModelCandidateScore")]
public sealed record ModelCandidateScore
{
    /// <summary>Gets the catalog id of the model.</summary>
    [Id(0)] public string Model { get; init; } = "";

    /// <summary>Gets why the model could not take the step (missing capability, context too short, language, latency, unhealthy), or null when it could.</summary>
    [Id(1)] public string? ExcludedBecause { get; init; }

    /// <summary>Gets the specialty score, 0–1 (weight 0.3).</summary>
    [Id(2)] public double Specialty { get; init; }

    /// <summary>Gets the cost score, 0–1, cheaper is higher (weight 0.2).</summary>
    [Id(3)] public double Cost { get; init; }

    /// <summary>Gets the performance score, 0–1, from measured latency (weight 0.3).</summary>
    [Id(4)] public double Performance { get; init; }

    /// <summary>Gets the availability score, 0–1, from the measured error rate (weight 0.2).</summary>
    [Id(5)] public double Availability { get; init; }

    /// <summary>Gets the weighted total.</summary>
    [Id(6)] public double Total { get; init; }
}
