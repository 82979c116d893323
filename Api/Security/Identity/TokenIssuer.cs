using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// Issues our tokens: starts a login session (a refresh-token family) for an authenticated API key, mints RS256 access tokens
/// signed by the cluster's <see cref="ISigningKeyRingGrain"/>, and rotates refresh tokens.
/// </summary>
public sealed class TokenIssuer(IGrainFactory grains, IOptions<TokenOptions> options, SigningKeyCache keys, RevocationCache revocations, TimeProvider time)
{
    /// <summary>Starts a login session for <paramref name="key"/> and returns its first tokens (bound to <paramref name="clientIp"/> when IP binding is on).</summary>
    public async Task<(TokenResponse Tokens, string LoginSession)> StartSessionAsync(ApiKeySummary key, string? clientIp, CancellationToken cancellationToken = default)
    {
        CallerContext.ActAsSystem(); // the token grains are the system's own; the caller was authenticated and checked by the route
        ArgumentNullException.ThrowIfNull(key);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var loginSession = RefreshTokenText.NewLoginSession();
        var (refresh, hash) = RefreshTokenText.New(loginSession);
        var grant = new RefreshTokenGrant
        {
            Tenant = key.Tenant,
            Subject = ApiKeyText.Subject(key.Id),
            Roles = key.Roles,
            CredentialId = key.Id,
            BoundIp = settings.BindToIp ? clientIp : null,
            StartedAt = now,
        };
        if (!await grains.GetGrain<IRefreshTokenFamilyGrain>(loginSession).StartAsync(grant, hash, now + settings.RefreshTokenLifetime).WaitAsync(cancellationToken))
            throw new InvalidOperationException($"The login session {loginSession} exists already.");
        var access = await MintAsync(grant, loginSession, cancellationToken);
        return (Response(access, refresh), loginSession);
    }

    /// <summary>
    /// Redeems <paramref name="refreshToken"/>: new tokens when it is current and its API key still works; a refresh from
    /// another IP than the session is bound to, or from a revoked or expired key, revokes the session.
    /// </summary>
    public async Task<RefreshOutcome> RefreshAsync(string refreshToken, string? clientIp, CancellationToken cancellationToken = default)
    {
        CallerContext.ActAsSystem(); // the token grains are the system's own; the caller was authenticated and checked by the route
        if (!RefreshTokenText.TryParse(refreshToken, out var loginSession, out var secret))
            return new(null, RefreshRedemptionOutcome.Unknown, null, "The refresh token is not valid.");
        var settings = options.Value;
        var (next, nextHash) = RefreshTokenText.New(loginSession);
        var family = grains.GetGrain<IRefreshTokenFamilyGrain>(loginSession);
        var redemption = await family.RedeemAsync(RefreshTokenText.Hash(secret), nextHash, time.GetUtcNow() + settings.RefreshTokenLifetime).WaitAsync(cancellationToken);
        var grant = redemption.Grant;
        switch (redemption.Outcome)
        {
            case RefreshRedemptionOutcome.Rotated:
                break;
            case RefreshRedemptionOutcome.Reused:
                AddLocal(RevocationKind.LoginSession, loginSession, grant!.Tenant);
                return new(null, redemption.Outcome, grant, "The refresh token was used before; its login session is revoked.");
            case RefreshRedemptionOutcome.Expired:
                return new(null, redemption.Outcome, grant, "The refresh token has expired.");
            case RefreshRedemptionOutcome.Revoked:
                return new(null, redemption.Outcome, grant, "The refresh token's login session was revoked.");
            default:
                return new(null, redemption.Outcome, grant, "The refresh token is not valid.");
        }

        var refusal = grant!.BoundIp is { } bound && !IdentityPrincipals.SameIp(bound, clientIp) ? "The refresh token is bound to another IP address; its login session is revoked."
            : await grains.GetGrain<IApiKeyGrain>(grant.CredentialId).GetAsync().WaitAsync(cancellationToken) is not { } key || !IsUsable(key) ? "The API key of the login session no longer works; the session is revoked."
            : null;
        if (refusal is not null)
        {
            await family.RevokeAsync(null).WaitAsync(cancellationToken);
            AddLocal(RevocationKind.LoginSession, loginSession, grant.Tenant);
            return new(null, RefreshRedemptionOutcome.Revoked, grant, refusal);
        }

        var access = await MintAsync(grant, loginSession, cancellationToken);
        return new(Response(access, next), redemption.Outcome, grant, null);
    }

    private bool IsUsable(ApiKeySummary key) => key.RevokedAt is null && time.GetUtcNow() < key.ExpiresAt;

    private void AddLocal(RevocationKind kind, string id, string tenant) =>
        revocations.Add(new RevocationEntry { Kind = kind, Id = id, Tenant = tenant, RevokedAt = time.GetUtcNow(), KeepUntil = time.GetUtcNow() + TimeSpan.FromDays(1) });

    /// <summary>Mints an access token of <paramref name="grant"/>'s session; this host learns the signing key if it is new.</summary>
    private async Task<string> MintAsync(RefreshTokenGrant grant, string loginSession, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var expiresAt = now + settings.AccessTokenLifetime;
        var subject = new AccessTokenSubject(grant.Tenant, grant.Subject, grant.Roles, loginSession, grant.CredentialId, grant.BoundIp);
        var payload = AccessTokenPayload.Write(subject, settings.Issuer, settings.Audience, AccessTokenPayload.NewTokenId(), now, expiresAt);
        var signed = await grains.GetGrain<ISigningKeyRingGrain>(IdentityGrainKeys.Cluster).SignAsync(new TokenSigningRequest { PayloadJson = payload, ExpiresAt = expiresAt }).WaitAsync(cancellationToken);
        if (!keys.Knows(signed.KeyId)) await keys.RefreshAsync(cancellationToken);
        return signed.Token;
    }

    private TokenResponse Response(string accessToken, string refreshToken) => new(
        accessToken, "Bearer", (long)options.Value.AccessTokenLifetime.TotalSeconds, refreshToken, (long)options.Value.RefreshTokenLifetime.TotalSeconds);
}
