using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>An API key without its secret, as listed.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ApiKeySummary")]
public sealed record ApiKeySummary
{
    /// <summary>Gets the key's id (not secret).</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>Gets the tenant the key acts for.</summary>
    [Id(1)] public required string Tenant { get; init; }

    /// <summary>Gets the key's name.</summary>
    [Id(2)] public required string Name { get; init; }

    /// <summary>Gets the roles the key carries.</summary>
    [Id(3)] public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>Gets when the key was created.</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the key stops working.</summary>
    [Id(5)] public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets when the key was revoked, if it was.</summary>
    [Id(6)] public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Gets when the key last authenticated a request, if it did.</summary>
    [Id(7)] public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Gets the subject that created it.</summary>
    [Id(8)] public required string CreatedBy { get; init; }
}
