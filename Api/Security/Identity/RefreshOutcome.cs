using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>What <see cref="TokenIssuer.RefreshAsync"/> came to: new tokens, or why not.</summary>
/// <param name="Tokens">The new tokens, when the refresh token was current.</param>
/// <param name="Outcome">The family's answer.</param>
/// <param name="Grant">The login session's grant, when the family is known.</param>
/// <param name="Refusal">Why the tokens were refused, for the caller, when <paramref name="Tokens"/> is <see langword="null"/>.</param>
public sealed record RefreshOutcome(TokenResponse? Tokens, RefreshRedemptionOutcome Outcome, RefreshTokenGrant? Grant, string? Refusal);
