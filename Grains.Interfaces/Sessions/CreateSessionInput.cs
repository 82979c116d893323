namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>Input of <see cref="ISessionGrain.CreateAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.CreateSessionInput")]
public sealed record CreateSessionInput
{
    /// <summary>Gets who owns the session (a user or service name).</summary>
    [Id(0)] public string Owner { get; init; } = "anonymous";

    /// <summary>Gets an optional human title for the session.</summary>
    [Id(1)] public string? Title { get; init; }
}
