using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>
/// The cluster's RS256 signing keys (key: <see cref="IdentityGrainKeys.Cluster"/>): signs access tokens with the current
/// key, rotates it on a period, and publishes every key whose tokens may still be valid. Private keys never leave the grain
/// and are stored sealed by the field protector.
/// </summary>
public interface ISigningKeyRingGrain : IGrainWithStringKey
{
    /// <summary>Signs <see cref="TokenSigningRequest.PayloadJson"/> as a compact JWS (RS256, with the current key's <c>kid</c>).</summary>
    /// <exception cref="ArgumentException">The payload is not a JSON object, or it would expire more than a day from now.</exception>
    [SystemOnly]
    Task<SignedToken> SignAsync(TokenSigningRequest request);

    /// <summary>Gets the public keys to publish (JWKS): the current key and the retired ones whose tokens may not have expired.</summary>
    [SystemOnly]
    Task<ImmutableArray<PublishedSigningKey>> GetPublishedKeysAsync();

    /// <summary>Retires the current key now and makes a new one current; returns the new key's id.</summary>
    [SystemOnly]
    Task<string> RotateAsync();
}
