namespace TDeveloper.Grains.Interfaces.Security;

/// <summary>
/// A value encrypted at rest with AES-256-GCM under a data key, the data key itself wrapped by a master key
/// (envelope encryption). Stored in place of the sensitive field it protects.
/// </summary>
/// <remarks>
/// The master key id travels with the value, so master keys can rotate and data sealed under an old one stays
/// readable for as long as that key is kept. The ciphertext is bound to a context string (what the field is
/// and whose it is) as associated data, so a sealed value copied into another field or record does not open.
/// </remarks>
[GenerateSerializer, Immutable, Alias("TDeveloper.SealedData")]
public sealed record SealedData
{
    /// <summary>Gets the id of the master key that wrapped <see cref="WrappedKey"/>.</summary>
    [Id(0)] public required string KeyId { get; init; }

    /// <summary>Gets the data key, wrapped (encrypted) by the master key.</summary>
    [Id(1)] public required byte[] WrappedKey { get; init; }

    /// <summary>Gets the 12-byte AES-GCM nonce.</summary>
    [Id(2)] public required byte[] Nonce { get; init; }

    /// <summary>Gets the ciphertext followed by the 16-byte authentication tag.</summary>
    [Id(3)] public required byte[] Ciphertext { get; init; }
}
