namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>What redeeming a refresh token came to.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RefreshRedemption")]
public sealed record RefreshRedemption
{
    /// <summary>Gets the outcome.</summary>
    [Id(0)] public RefreshRedemptionOutcome Outcome { get; init; }

    /// <summary>Gets the session's grant when the family is known, whatever the outcome.</summary>
    [Id(1)] public RefreshTokenGrant? Grant { get; init; }
}

/// <summary>The outcomes of <see cref="IRefreshTokenFamilyGrain.RedeemAsync"/>.</summary>
public enum RefreshRedemptionOutcome
{
    /// <summary>The token was current: it is retired and the next one is current.</summary>
    Rotated,

    /// <summary>The token had been used already: the family and its login session are revoked.</summary>
    Reused,

    /// <summary>The token was current but expired.</summary>
    Expired,

    /// <summary>The family was revoked before.</summary>
    Revoked,

    /// <summary>No such family, or the token is not one of its own.</summary>
    Unknown,
}
