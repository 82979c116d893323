using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Signing;

/// <summary>A signing key as stored: its owner and lifetime, and its secret sealed (never in plaintext).</summary>
[GenerateSerializer, Alias("TDeveloper.SigningKeyState")]
public sealed class SigningKeyState
{
    /// <summary>Gets or sets the tenant the key acts for.</summary>
    [Id(0)] public string Tenant { get; set; } = "";

    /// <summary>Gets or sets the key's name.</summary>
    [Id(1)] public string Name { get; set; } = "";

    /// <summary>Gets or sets the roles a request signed with it has.</summary>
    [Id(2)] public ImmutableArray<string> Roles { get; set; } = [];

    /// <summary>Gets or sets the subject that created it.</summary>
    [Id(3)] public string CreatedBy { get; set; } = "";

    /// <summary>Gets or sets when it was created.</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when it stops being accepted.</summary>
    [Id(5)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Gets or sets when it was revoked, if it was.</summary>
    [Id(6)] public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Gets or sets who revoked it, if anyone did.</summary>
    [Id(7)] public string? RevokedBy { get; set; }

    /// <summary>Gets or sets the secret, sealed by the field protector for the context <see cref="SigningKeyGrain.SecretContext"/>.</summary>
    [Id(8)] public SealedData? Secret { get; set; }

    /// <summary>
    /// Gets or sets whether an activation holding the key's nonces is (or was) live. Set when one starts and cleared when
    /// it deactivates; found set at activation, it means the last one was lost with its nonces.
    /// </summary>
    [Id(9)] public bool NoncesInMemory { get; set; }
}
