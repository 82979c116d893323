namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>One model tried for a step: the model and, if it failed, why.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ModelAttempt")]
public sealed record ModelAttempt
{
    /// <summary>Gets the catalog id of the model.</summary>
    [Id(0)] public string Model { get; init; } = "";

    /// <summary>Gets why the call failed or was skipped (circuit open, quota), or null when it answered.</summary>
    [Id(1)] public string? Error { get; init; }

    /// <summary>Gets how the failure was classified, when it failed.</summary>
    [Id(2)] public ModelErrorKind? ErrorKind { get; init; }
}
