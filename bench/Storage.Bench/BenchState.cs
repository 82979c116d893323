namespace TDeveloper.Bench;

/// <summary>A small grain state, about the size of a session's.</summary>
[GenerateSerializer, Alias("TDeveloper.Bench.BenchState")]
public sealed record BenchState
{
    /// <summary>Gets the payload.</summary>
    [Id(0)] public byte[] Payload { get; init; } = [];

    /// <summary>Gets a counter that changes on every write.</summary>
    [Id(1)] public int Counter { get; init; }
}
