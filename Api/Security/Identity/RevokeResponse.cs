namespace TDeveloper.Api.Security.Identity;

/// <summary>What a revocation revoked.</summary>
/// <param name="Revoked">What kind: <c>login-session</c>, <c>token</c> or <c>none</c> (an unknown token: nothing to revoke, as RFC 7009 answers).</param>
/// <param name="LoginSession">The login session revoked, if one was.</param>
public sealed record RevokeResponse(string Revoked, string? LoginSession);
