using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>What a step needs of its model; the router picks among the models that meet it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ModelRequirements")]
public sealed record ModelRequirements
{
    /// <summary>No particular needs. A new instance each time: a reader that fills the objects it finds (Newtonsoft.Json, the fallback reader of old JSON grain state) would otherwise change one shared by every default.</summary>
    public static ModelRequirements None => new();

    /// <summary>Gets the capabilities the model must have (vision for images, audio for audio …).</summary>
    [Id(0)] public ModelCapabilities Capabilities { get; init; }

    /// <summary>Gets the models to use, in order, instead of the router's choice (a pin is a chain of one).</summary>
    [Id(1)] public ImmutableArray<string> Pinned { get; init; } = [];

    /// <summary>Gets the language of the request (ISO 639-1, e.g. "en", "ko"), when known.</summary>
    [Id(2)] public string? Language { get; init; }

    /// <summary>Gets the longest acceptable typical latency of the model, when there is a budget.</summary>
    [Id(3)] public TimeSpan? LatencyBudget { get; init; }
}
