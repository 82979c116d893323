using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Signing;

/// <summary>The input of <see cref="ISigningKeyGrain.CreateAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.CreateSigningKeyInput")]
public sealed record CreateSigningKeyInput
{
    /// <summary>Gets the tenant the key acts for.</summary>
    [Id(0)] public required string Tenant { get; init; }

    /// <summary>Gets the key's name.</summary>
    [Id(1)] public required string Name { get; init; }

    /// <summary>Gets the roles a request signed with it has.</summary>
    [Id(2)] public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>Gets the subject creating it.</summary>
    [Id(3)] public required string CreatedBy { get; init; }

    /// <summary>Gets how long it is accepted from now.</summary>
    [Id(4)] public TimeSpan ValidFor { get; init; }
}

/// <summary>The result of <see cref="ISigningKeyGrain.CreateAsync"/>: the key and its secret, shown once.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SigningKeyCreated")]
public sealed record SigningKeyCreated
{
    /// <summary>Gets the key.</summary>
    [Id(0)] public required SigningKeySummary Key { get; init; }

    /// <summary>Gets the secret: the HMAC key is its UTF-8 bytes. Not stored in this form and never returned again.</summary>
    [Id(1)] public required string Secret { get; init; }
}
