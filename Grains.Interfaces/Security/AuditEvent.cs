using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security;

/// <summary>One security event for the audit log: a login, a failure, a denial, a key's use, an admin action.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AuditEvent")]
public sealed record AuditEvent
{
    /// <summary>Gets the tenant the event belongs to (the caller's, or the one a failed credential claimed).</summary>
    [Id(0)] public required string Tenant { get; init; }

    /// <summary>Gets what happened: one of <see cref="AuditEventKinds"/>.</summary>
    [Id(1)] public required string Kind { get; init; }

    /// <summary>Gets who acted (subject id), or <c>anonymous</c>.</summary>
    [Id(2)] public required string Actor { get; init; }

    /// <summary>Gets what was acted on (a resource path such as <c>tenants/acme/sessions/s-1</c>), if anything.</summary>
    [Id(3)] public string? Resource { get; init; }

    /// <summary>Gets the outcome: <c>success</c>, <c>failure</c> or <c>denied</c>.</summary>
    [Id(4)] public required string Outcome { get; init; }

    /// <summary>Gets when it happened.</summary>
    [Id(5)] public DateTimeOffset At { get; init; }

    /// <summary>Gets the caller's IP address, if known.</summary>
    [Id(6)] public string? IpAddress { get; init; }

    /// <summary>Gets further details (reason, key id, route …); never secrets.</summary>
    [Id(7)] public ImmutableDictionary<string, string> Details { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>The kinds of <see cref="AuditEvent"/>.</summary>
public static class AuditEventKinds
{
    /// <summary>A credential was exchanged for tokens.</summary>
    public const string Login = "login";

    /// <summary>A credential or token was refused.</summary>
    public const string AuthenticationFailed = "authentication-failed";

    /// <summary>A refresh token was used to get new tokens.</summary>
    public const string TokenRefreshed = "token-refreshed";

    /// <summary>A refresh token was used twice: its whole family was revoked.</summary>
    public const string RefreshTokenReused = "refresh-token-reused";

    /// <summary>A token or login session was revoked.</summary>
    public const string TokenRevoked = "token-revoked";

    /// <summary>RBAC or tenant isolation refused a call.</summary>
    public const string AccessDenied = "access-denied";

    /// <summary>An API key or signing key was created.</summary>
    public const string KeyCreated = "key-created";

    /// <summary>An API key or signing key authenticated a request.</summary>
    public const string KeyUsed = "key-used";

    /// <summary>An API key or signing key was revoked.</summary>
    public const string KeyRevoked = "key-revoked";

    /// <summary>A request's signature, timestamp or nonce was refused.</summary>
    public const string SignatureRejected = "signature-rejected";

    /// <summary>An administrative change (roles, rules, signing key rotation).</summary>
    public const string AdminAction = "admin-action";
}
