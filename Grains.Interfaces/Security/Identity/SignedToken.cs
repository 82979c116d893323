namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>A signed JWT and the id of the key that signed it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SignedToken")]
public sealed record SignedToken
{
    /// <summary>Gets the compact JWS (<c>header.payload.signature</c>).</summary>
    [Id(0)] public required string Token { get; init; }

    /// <summary>Gets the <c>kid</c> of the signing key.</summary>
    [Id(1)] public required string KeyId { get; init; }
}
