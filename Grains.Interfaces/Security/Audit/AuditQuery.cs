namespace TDeveloper.Grains.Interfaces.Security.Audit;

/// <summary>What <see cref="IAuditLogGrain.ReadAsync"/> returns: entries after a sequence that match every filter given.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AuditQuery")]
public sealed record AuditQuery
{
    /// <summary>The most entries one read returns.</summary>
    public const int MaxLimit = 500;

    /// <summary>Gets the sequence to read after (0: from the oldest kept).</summary>
    [Id(0)] public long AfterSequence { get; init; }

    /// <summary>Gets the most entries to return (1 to <see cref="MaxLimit"/>).</summary>
    [Id(1)] public int Limit { get; init; } = 100;

    /// <summary>Gets the kind to match exactly, if any.</summary>
    [Id(2)] public string? Kind { get; init; }

    /// <summary>Gets the actor to match exactly, if any.</summary>
    [Id(3)] public string? Actor { get; init; }

    /// <summary>Gets the earliest event time to return (inclusive), if any.</summary>
    [Id(4)] public DateTimeOffset? From { get; init; }

    /// <summary>Gets the latest event time to return (exclusive), if any.</summary>
    [Id(5)] public DateTimeOffset? To { get; init; }
}
