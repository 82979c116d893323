using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>
/// One login session's refresh tokens (key: the login session id, the tokens' <c>sid</c>): opaque, one-time and rotating.
/// Redeeming the current token retires it and makes the next one current; redeeming a retired one revokes the whole family
/// and its login session. Only SHA-256 hashes of the tokens' secrets are kept.
/// </summary>
public interface IRefreshTokenFamilyGrain : IGrainWithStringKey
{
    /// <summary>Starts the family with its first token; <see langword="false"/> if the family exists already.</summary>
    [SystemOnly]
    Task<bool> StartAsync(RefreshTokenGrant grant, byte[] firstTokenHash, DateTimeOffset tokenExpiresAt);

    /// <summary>Redeems the token whose hash is <paramref name="presentedHash"/>: on success <paramref name="nextHash"/> becomes current.</summary>
    [SystemOnly]
    Task<RefreshRedemption> RedeemAsync(byte[] presentedHash, byte[] nextHash, DateTimeOffset nextExpiresAt);

    /// <summary>
    /// Revokes the family (and its login session, in the revocation list) if <paramref name="presentedHash"/> is one of its
    /// tokens, or unconditionally when it is <see langword="null"/> (the session's own holder logging out). Returns the grant,
    /// or <see langword="null"/> when the family is unknown or the hash not one of its tokens.
    /// </summary>
    [SystemOnly]
    Task<RefreshTokenGrant?> RevokeAsync(byte[]? presentedHash);
}
