namespace TDeveloper.Aws.Tests.Storage;

/// <summary>A grain state for the storage tests: text, a counter and an opaque blob for large states.</summary>
[GenerateSerializer, Alias("TDeveloper.Aws.Tests.Storage.SampleState")]
public sealed record SampleState
{
    [Id(0)] public string Text { get; init; } = "";

    [Id(1)] public int Counter { get; init; }

    [Id(2)] public byte[] Blob { get; init; } = [];
}
