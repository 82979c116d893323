using System.Security.Cryptography;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>
/// The rules of a refresh-token family, free of Orleans: the current token rotates once, a used token presented again
/// revokes the family, and a revoked or unknown family redeems nothing. Hashes are compared in constant time.
/// </summary>
public static class RefreshTokenFamily
{
    /// <summary>How many used tokens are remembered for reuse detection.</summary>
    public const int RetiredKept = 64;

    /// <summary>Starts the family; <see langword="false"/> if it had started.</summary>
    public static bool Start(RefreshTokenFamilyState state, RefreshTokenGrant grant, byte[] firstHash, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(grant);
        if (state.Grant is not null) return false;
        state.Grant = grant;
        state.CurrentHash = firstHash;
        state.CurrentExpiresAt = expiresAt;
        return true;
    }

    /// <summary>Redeems <paramref name="presented"/>, changing <paramref name="state"/> when it rotates or is revoked.</summary>
    public static RefreshRedemptionOutcome Redeem(RefreshTokenFamilyState state, byte[] presented, byte[] next, DateTimeOffset nextExpiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Grant is null) return RefreshRedemptionOutcome.Unknown;
        var isCurrent = CryptographicOperations.FixedTimeEquals(presented, state.CurrentHash);
        var isRetired = !isCurrent && IsRetired(state, presented);
        if (!isCurrent && !isRetired) return RefreshRedemptionOutcome.Unknown;
        if (state.RevokedAt is not null) return RefreshRedemptionOutcome.Revoked;
        if (isRetired)
        {
            state.RevokedAt = now;
            return RefreshRedemptionOutcome.Reused;
        }

        if (now >= state.CurrentExpiresAt) return RefreshRedemptionOutcome.Expired;
        state.RetiredHashes = state.RetiredHashes.Length >= RetiredKept ? state.RetiredHashes.RemoveAt(0).Add(state.CurrentHash) : state.RetiredHashes.Add(state.CurrentHash);
        state.CurrentHash = next;
        state.CurrentExpiresAt = nextExpiresAt;
        state.Generation++;
        return RefreshRedemptionOutcome.Rotated;
    }

    /// <summary>
    /// Revokes the family if <paramref name="presented"/> is one of its tokens (or is <see langword="null"/>); returns whether
    /// it is revoked now (also when it was before).
    /// </summary>
    public static bool Revoke(RefreshTokenFamilyState state, byte[]? presented, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Grant is null) return false;
        if (presented is not null && !CryptographicOperations.FixedTimeEquals(presented, state.CurrentHash) && !IsRetired(state, presented)) return false;
        state.RevokedAt ??= now;
        return true;
    }

    private static bool IsRetired(RefreshTokenFamilyState state, byte[] presented)
    {
        var found = false;
        foreach (var retired in state.RetiredHashes) found |= CryptographicOperations.FixedTimeEquals(presented, retired);
        return found;
    }
}
