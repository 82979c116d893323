namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>What <see cref="ISigningKeyRingGrain.SignAsync"/> signs.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.TokenSigningRequest")]
public sealed record TokenSigningRequest
{
    /// <summary>Gets the JWT payload (claims set) as a JSON object.</summary>
    [Id(0)] public required string PayloadJson { get; init; }

    /// <summary>Gets the token's expiry (its <c>exp</c> claim): the signing key is published at least until then.</summary>
    [Id(1)] public required DateTimeOffset ExpiresAt { get; init; }
}
