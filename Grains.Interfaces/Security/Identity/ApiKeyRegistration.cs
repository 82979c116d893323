using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>A new API key, as <see cref="IApiKeyGrain.CreateAsync"/> stores it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ApiKeyRegistration")]
public sealed record ApiKeyRegistration
{
    /// <summary>Gets the tenant the key acts for.</summary>
    [Id(0)] public required string Tenant { get; init; }

    /// <summary>Gets the key's name, for people.</summary>
    [Id(1)] public required string Name { get; init; }

    /// <summary>Gets the roles the key carries.</summary>
    [Id(2)] public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>Gets the SHA-256 hash of the key's secret.</summary>
    [Id(3)] public required byte[] SecretHash { get; init; }

    /// <summary>Gets when the key stops working.</summary>
    [Id(4)] public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets the subject that created it (<c>bootstrap</c> for keys from configuration).</summary>
    [Id(5)] public required string CreatedBy { get; init; }
}
