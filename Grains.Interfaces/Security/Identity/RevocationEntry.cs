namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>One revoked token, login session or credential.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RevocationEntry")]
public sealed record RevocationEntry
{
    /// <summary>Gets what is revoked.</summary>
    [Id(0)] public RevocationKind Kind { get; init; }

    /// <summary>Gets the id of what is revoked (<c>jti</c>, <c>sid</c> or credential id).</summary>
    [Id(1)] public required string Id { get; init; }

    /// <summary>Gets the tenant it belonged to.</summary>
    [Id(2)] public required string Tenant { get; init; }

    /// <summary>Gets when it was revoked.</summary>
    [Id(3)] public DateTimeOffset RevokedAt { get; init; }

    /// <summary>Gets until when the entry is kept (every token it concerns has expired by then).</summary>
    [Id(4)] public DateTimeOffset KeepUntil { get; init; }

    /// <summary>Gets the entry's position in the list, increasing.</summary>
    [Id(5)] public long Sequence { get; init; }
}
