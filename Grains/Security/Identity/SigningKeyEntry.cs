using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>One signing key of the ring: its public half in clear, its private half sealed by the field protector.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SigningKeyEntry")]
public sealed record SigningKeyEntry
{
    /// <summary>Gets the key id (<c>kid</c>).</summary>
    [Id(0)] public required string KeyId { get; init; }

    /// <summary>Gets when the key was created and became current.</summary>
    [Id(1)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the key stopped signing, or <see langword="null"/> while it is current.</summary>
    [Id(2)] public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>Gets a time no token the key signed outlives (recorded ahead, in steps), or <see langword="null"/> if it signed none.</summary>
    [Id(3)] public DateTimeOffset? SignedUntil { get; init; }

    /// <summary>Gets the RSA modulus, big-endian.</summary>
    [Id(4)] public required byte[] Modulus { get; init; }

    /// <summary>Gets the RSA public exponent, big-endian.</summary>
    [Id(5)] public required byte[] Exponent { get; init; }

    /// <summary>Gets the private key (PKCS#8), sealed under the context <see cref="SigningKeyRing.SealContext"/>.</summary>
    [Id(6)] public required SealedData SealedPrivateKey { get; init; }
}
