using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>The persisted refresh tokens of one login session: hashes only.</summary>
[GenerateSerializer, Alias("TDeveloper.RefreshTokenFamilyState")]
public sealed class RefreshTokenFamilyState
{
    /// <summary>Gets or sets who the session is for, or <see langword="null"/> before it started.</summary>
    [Id(0)] public RefreshTokenGrant? Grant { get; set; }

    /// <summary>Gets or sets the SHA-256 hash of the current token's secret.</summary>
    [Id(1)] public byte[] CurrentHash { get; set; } = [];

    /// <summary>Gets or sets when the current token expires.</summary>
    [Id(2)] public DateTimeOffset CurrentExpiresAt { get; set; }

    /// <summary>Gets or sets the hashes of the tokens already used, newest last (the last <see cref="RefreshTokenFamily.RetiredKept"/>).</summary>
    [Id(3)] public ImmutableArray<byte[]> RetiredHashes { get; set; } = [];

    /// <summary>Gets or sets how many times the family rotated.</summary>
    [Id(4)] public int Generation { get; set; }

    /// <summary>Gets or sets when the family was revoked, if it was.</summary>
    [Id(5)] public DateTimeOffset? RevokedAt { get; set; }
}
