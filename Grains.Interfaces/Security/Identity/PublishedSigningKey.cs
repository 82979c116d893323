namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>The public half of a signing key, as published in the JWKS.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.PublishedSigningKey")]
public sealed record PublishedSigningKey
{
    /// <summary>Gets the key id (<c>kid</c>).</summary>
    [Id(0)] public required string KeyId { get; init; }

    /// <summary>Gets the RSA modulus (<c>n</c>), big-endian.</summary>
    [Id(1)] public required byte[] Modulus { get; init; }

    /// <summary>Gets the RSA public exponent (<c>e</c>), big-endian.</summary>
    [Id(2)] public required byte[] Exponent { get; init; }

    /// <summary>Gets when the key was created (and became current).</summary>
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the key stopped signing, or <see langword="null"/> while it is current.</summary>
    [Id(4)] public DateTimeOffset? RetiredAt { get; init; }
}
