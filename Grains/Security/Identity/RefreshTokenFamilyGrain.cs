using Microsoft.Extensions.Logging;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>One login session's refresh tokens (<see cref="IRefreshTokenFamilyGrain"/>); reuse revokes the family and puts its session on the revocation list.</summary>
public sealed partial class RefreshTokenFamilyGrain(
    [PersistentState("refresh-tokens", StorageNames.State)] IPersistentState<RefreshTokenFamilyState> state,
    TimeProvider time,
    ILogger<RefreshTokenFamilyGrain> logger) : DurableGrain, IRefreshTokenFamilyGrain
{
    /// <inheritdoc />
    public async Task<bool> StartAsync(RefreshTokenGrant grant, byte[] firstTokenHash, DateTimeOffset tokenExpiresAt)
    {
        if (!RefreshTokenFamily.Start(state.State, grant, firstTokenHash, tokenExpiresAt)) return false;
        await WriteOrReloadAsync(state);
        return true;
    }

    /// <inheritdoc />
    public async Task<RefreshRedemption> RedeemAsync(byte[] presentedHash, byte[] nextHash, DateTimeOffset nextExpiresAt)
    {
        var outcome = RefreshTokenFamily.Redeem(state.State, presentedHash, nextHash, nextExpiresAt, time.GetUtcNow());
        if (outcome is RefreshRedemptionOutcome.Rotated or RefreshRedemptionOutcome.Reused) await WriteOrReloadAsync(state);
        if (outcome is RefreshRedemptionOutcome.Reused)
        {
            LogReused(this.GetPrimaryKeyString(), state.State.Grant!.Tenant);
            await RevokeSessionAsync();
        }

        return new RefreshRedemption { Outcome = outcome, Grant = state.State.Grant };
    }

    /// <inheritdoc />
    public async Task<RefreshTokenGrant?> RevokeAsync(byte[]? presentedHash)
    {
        var wasRevoked = state.State.RevokedAt is not null;
        if (!RefreshTokenFamily.Revoke(state.State, presentedHash, time.GetUtcNow())) return null;
        if (!wasRevoked) await WriteOrReloadAsync(state);
        await RevokeSessionAsync();
        return state.State.Grant;
    }

    private Task RevokeSessionAsync() =>
        GrainFactory.GetGrain<IRevocationListGrain>(IdentityGrainKeys.Cluster).RevokeAsync(RevocationKind.LoginSession, this.GetPrimaryKeyString(), state.State.Grant!.Tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A used refresh token of login session {LoginSession} (tenant {Tenant}) was presented again; the session is revoked")]
    private partial void LogReused(string loginSession, string tenant);
}
