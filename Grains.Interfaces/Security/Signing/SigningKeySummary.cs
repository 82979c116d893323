using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Signing;

/// <summary>What may be shown of a signing key: everything but its secret.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SigningKeySummary")]
public sealed record SigningKeySummary
{
    /// <summary>Gets the key id, sent as <c>X-TDev-Key-Id</c>.</summary>
    [Id(0)] public required string KeyId { get; init; }

    /// <summary>Gets the tenant the key acts for.</summary>
    [Id(1)] public required string Tenant { get; init; }

    /// <summary>Gets the name its creator gave it.</summary>
    [Id(2)] public required string Name { get; init; }

    /// <summary>Gets the roles a request signed with it has.</summary>
    [Id(3)] public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>Gets the subject that created it.</summary>
    [Id(4)] public required string CreatedBy { get; init; }

    /// <summary>Gets when it was created.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when it stops being accepted.</summary>
    [Id(6)] public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets when it was revoked, if it was.</summary>
    [Id(7)] public DateTimeOffset? RevokedAt { get; init; }
}
