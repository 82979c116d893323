using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Signing;

/// <summary>A signed request as the edge received it, for <see cref="ISigningKeyGrain.VerifyAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SignatureCheck")]
public sealed record SignatureCheck
{
    /// <summary>Gets the canonical string the edge built from the request (see <c>SigningCanonicalForm</c>).</summary>
    [Id(0)] public required string Canonical { get; init; }

    /// <summary>Gets the signature the request carried (the decoded <c>X-TDev-Signature</c>).</summary>
    [Id(1)] public required byte[] Signature { get; init; }

    /// <summary>Gets the request's nonce.</summary>
    [Id(2)] public required string Nonce { get; init; }

    /// <summary>Gets the request's timestamp.</summary>
    [Id(3)] public DateTimeOffset SignedAt { get; init; }

    /// <summary>Gets until when the nonce must be remembered (the timestamp plus the accepted window).</summary>
    [Id(4)] public DateTimeOffset RememberUntil { get; init; }
}

/// <summary>What <see cref="ISigningKeyGrain.VerifyAsync"/> decided.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SignatureVerdict")]
public sealed record SignatureVerdict
{
    /// <summary>Gets the outcome.</summary>
    [Id(0)] public SignatureOutcome Outcome { get; init; }

    /// <summary>Gets the key's tenant; <see langword="null"/> when the key is unknown.</summary>
    [Id(1)] public string? Tenant { get; init; }

    /// <summary>Gets the key's roles, when <see cref="Outcome"/> is <see cref="SignatureOutcome.Valid"/>.</summary>
    [Id(2)] public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>Gets the subject that created the key.</summary>
    [Id(3)] public string? CreatedBy { get; init; }

    /// <summary>Gets how many valid requests the key verified since its use was last reported; 0 when this one need not be (use is audited at most once a minute).</summary>
    [Id(4)] public long UsesToReport { get; init; }
}

/// <summary>The outcomes of verifying a signed request.</summary>
public enum SignatureOutcome
{
    /// <summary>The signature matches, the key is live and the nonce is new.</summary>
    Valid,

    /// <summary>No key has this id.</summary>
    UnknownKey,

    /// <summary>The key was revoked.</summary>
    Revoked,

    /// <summary>The key expired.</summary>
    Expired,

    /// <summary>The signature does not match the request.</summary>
    BadSignature,

    /// <summary>The nonce was used before within the window.</summary>
    NonceReused,

    /// <summary>The request was signed before the key's replay guard was rebuilt after its silo was lost: it may have been seen.</summary>
    SignedBeforeRecovery,

    /// <summary>The key remembers as many nonces as it can; the request is refused rather than left unguarded.</summary>
    ReplayGuardFull,
}
