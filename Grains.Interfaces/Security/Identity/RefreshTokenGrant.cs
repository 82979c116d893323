using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>Who a login session's tokens are for: what every access token minted from its refresh tokens carries.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RefreshTokenGrant")]
public sealed record RefreshTokenGrant
{
    /// <summary>Gets the tenant.</summary>
    [Id(0)] public required string Tenant { get; init; }

    /// <summary>Gets the subject.</summary>
    [Id(1)] public required string Subject { get; init; }

    /// <summary>Gets the roles.</summary>
    [Id(2)] public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>Gets the id of the credential that started the session (an API key id).</summary>
    [Id(3)] public required string CredentialId { get; init; }

    /// <summary>Gets the IP address the session is bound to, when IP binding is on.</summary>
    [Id(4)] public string? BoundIp { get; init; }

    /// <summary>Gets when the session started.</summary>
    [Id(5)] public DateTimeOffset StartedAt { get; init; }
}
