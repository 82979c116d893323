using System.Security.Cryptography;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>The rules of an API key, free of Orleans: creation (idempotent for the same secret), verification in constant time, revocation.</summary>
public static class ApiKeyChecks
{
    /// <summary>How long a key may last at most: one year.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    /// <summary>
    /// Creates the key in <paramref name="state"/>; returns the key, whether the state changed, or <see langword="null"/> when
    /// the id is taken by a key with another secret or tenant.
    /// </summary>
    public static (ApiKeySummary? Key, bool Changed) Create(ApiKeyState state, string id, ApiKeyRegistration registration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(registration);
        if (state.Key is { } existing)
        {
            var same = existing.Tenant == registration.Tenant && CryptographicOperations.FixedTimeEquals(state.SecretHash, registration.SecretHash);
            return (same ? existing : null, false);
        }

        state.Key = new ApiKeySummary
        {
            Id = id,
            Tenant = registration.Tenant,
            Name = registration.Name,
            Roles = registration.Roles,
            CreatedAt = now,
            ExpiresAt = registration.ExpiresAt,
            CreatedBy = registration.CreatedBy,
        };
        state.SecretHash = registration.SecretHash;
        return (state.Key, true);
    }

    /// <summary>Checks <paramref name="secretHash"/> against the key at <paramref name="now"/>.</summary>
    public static ApiKeyVerification Verify(ApiKeyState state, byte[] secretHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(secretHash);
        if (state.Key is not { } key || !CryptographicOperations.FixedTimeEquals(state.SecretHash, secretHash)) return new() { Outcome = ApiKeyVerificationOutcome.Unknown };
        var outcome = key.RevokedAt is not null ? ApiKeyVerificationOutcome.Revoked
            : now >= key.ExpiresAt ? ApiKeyVerificationOutcome.Expired
            : ApiKeyVerificationOutcome.Valid;
        return new() { Outcome = outcome, Key = key };
    }

    /// <summary>Gets whether <paramref name="key"/> authenticates at <paramref name="now"/>: not revoked, not expired.</summary>
    public static bool IsUsable(ApiKeySummary key, DateTimeOffset now) => key is { RevokedAt: null } && now < key.ExpiresAt;
}
