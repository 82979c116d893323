namespace TDeveloper.Grains.Interfaces.Supervision;

/// <summary>One intent the supervisor found in a request, and the agent that serves it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.Intent")]
public sealed record Intent
{
    /// <summary>Gets the intent name (for example "test").</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Gets the agent that serves the intent.</summary>
    [Id(1)] public string Agent { get; init; } = "";

    /// <summary>Gets the confidence of the match, between 0 and 1.</summary>
    [Id(2)] public double Confidence { get; init; }

    /// <summary>Gets the words of the request that matched.</summary>
    [Id(3)] public string Evidence { get; init; } = "";
}
