using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>The token routes: <c>POST /v1/auth/token</c> (client credentials by API key, refresh) and <c>POST /v1/auth/revoke</c>.</summary>
public static class AuthApi
{
    /// <summary>The OAuth grant that exchanges an API key for tokens.</summary>
    public const string ClientCredentials = "client_credentials";

    /// <summary>The OAuth grant that exchanges a refresh token for new tokens.</summary>
    public const string RefreshTokenGrant = "refresh_token";

    /// <summary>Maps the routes under <paramref name="v1"/>.</summary>
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var auth = v1.MapGroup("/auth").WithTags("Authentication");
        auth.MapPost("/token", TokenAsync).WithName("IssueToken")
            .WithSummary("Exchange an API key (grant_type=client_credentials, key in X-Api-Key or client_secret) or a refresh token (grant_type=refresh_token) for an access token and a new refresh token")
            .Accepts<TokenRequestBody>("application/x-www-form-urlencoded", "application/json")
            .AllowAnonymous()
            .RequireRateLimiting(TDeveloperRateLimits.Sensitive)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        auth.MapPost("/revoke", RevokeAsync).WithName("RevokeToken")
            .WithSummary("Revoke a refresh token (its whole login session) or an access token; with no token, end the caller's own login session (log out)")
            .Accepts<RevokeRequestBody>("application/x-www-form-urlencoded", "application/json")
            .RequirePermission(Permissions.TokensRevoke, "auth/tokens")
            .RequireRateLimiting(TDeveloperRateLimits.Sensitive)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return v1;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> TokenAsync(
        HttpContext context, ApiKeyAuthenticator apiKeys, TokenIssuer issuer, IdentityAudit audit, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var fields = await FormOrJson.ReadAsync(context.Request, cancellationToken);
        if (fields is null) return TypedResults.Problem("Send the token request as application/x-www-form-urlencoded or application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        var grantType = fields.GetValueOrDefault("grant_type");
        var ip = IdentityPrincipals.ClientIp(context);
        switch (grantType)
        {
            case ClientCredentials:
                var presented = ApiKeyAuthenticationHandler.KeyOf(context.Request) ?? fields.GetValueOrDefault("client_secret");
                if (string.IsNullOrWhiteSpace(presented)) return OAuthProblem("invalid_client", "client_credentials needs an API key: in the X-Api-Key header or as client_secret.", StatusCodes.Status401Unauthorized);
                var verification = await apiKeys.VerifyAsync(presented, context, cancellationToken);
                if (verification is not { Outcome: ApiKeyVerificationOutcome.Valid, Key: { } key })
                    return OAuthProblem("invalid_client", ApiKeyAuthenticator.Describe(verification.Outcome), StatusCodes.Status401Unauthorized);
                var (tokens, session) = await issuer.StartSessionAsync(key, ip, cancellationToken);
                await audit.RecordAsync(context, AuditEventKinds.Login, key.Tenant, ApiKeyText.Subject(key.Id), "success", details: new Dictionary<string, string> { ["loginSession"] = session, ["keyId"] = key.Id });
                return TypedResults.Ok(tokens);
            case RefreshTokenGrant:
                if (fields.GetValueOrDefault("refresh_token") is not { Length: > 0 } refreshToken) return OAuthProblem("invalid_request", "refresh_token is required.", StatusCodes.Status400BadRequest);
                var outcome = await issuer.RefreshAsync(refreshToken, ip, cancellationToken);
                var tenant = outcome.Grant?.Tenant ?? IdentityAudit.UnknownTenant;
                var actor = outcome.Grant?.Subject ?? "anonymous";
                if (outcome.Tokens is { } refreshed)
                {
                    await audit.RecordAsync(context, AuditEventKinds.TokenRefreshed, tenant, actor, "success");
                    return TypedResults.Ok(refreshed);
                }

                var kind = outcome.Outcome == RefreshRedemptionOutcome.Reused ? AuditEventKinds.RefreshTokenReused : AuditEventKinds.AuthenticationFailed;
                await audit.RecordAsync(context, kind, tenant, actor, "failure", details: new Dictionary<string, string> { ["reason"] = outcome.Refusal! });
                return OAuthProblem("invalid_grant", outcome.Refusal!, StatusCodes.Status401Unauthorized);
            default:
                return OAuthProblem(grantType is null ? "invalid_request" : "unsupported_grant_type", $"grant_type must be '{ClientCredentials}' or '{RefreshTokenGrant}'.", StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<Results<Ok<RevokeResponse>, ProblemHttpResult>> RevokeAsync(
        HttpContext context, ClaimsPrincipal user, IGrainFactory grains, RevocationCache revocations, SigningKeyCache keys, IdentityAudit audit, CancellationToken cancellationToken)
    {
        CallerContext.ActAsSystem(); // revoking is the system's act; what the caller may revoke is checked here
        var fields = await FormOrJson.ReadAsync(context.Request, cancellationToken);
        if (fields is null) return TypedResults.Problem("Send the revocation as application/x-www-form-urlencoded or application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        var tenant = IdentityPrincipals.TenantOf(user)!;
        var actor = IdentityPrincipals.SubjectOf(user);
        var token = fields.GetValueOrDefault("token");
        var list = grains.GetGrain<IRevocationListGrain>(IdentityGrainKeys.Cluster);
        string? loginSession;
        string revoked;
        if (string.IsNullOrWhiteSpace(token))
        {
            loginSession = user.FindFirst(TDeveloperClaims.LoginSession)?.Value;
            if (loginSession is null) return TypedResults.Problem("The caller has no login session to end (an API key? DELETE /v1/api-keys/{id} revokes it).", statusCode: StatusCodes.Status400BadRequest);
            if (user.FindFirst(TDeveloperClaims.CredentialKind)?.Value == AccessTokenPayload.CredentialKind)
                await grains.GetGrain<IRefreshTokenFamilyGrain>(loginSession).RevokeAsync(null).WaitAsync(cancellationToken);
            revocations.Add(await list.RevokeAsync(RevocationKind.LoginSession, loginSession, tenant).WaitAsync(cancellationToken));
            if (user.FindFirst("jti")?.Value is { } jti) revocations.Add(await list.RevokeAsync(RevocationKind.Token, jti, tenant).WaitAsync(cancellationToken));
            revoked = "login-session";
        }
        else if (RefreshTokenText.TryParse(token, out var session, out var secret))
        {
            var grant = await grains.GetGrain<IRefreshTokenFamilyGrain>(session).RevokeAsync(RefreshTokenText.Hash(secret)).WaitAsync(cancellationToken);
            (loginSession, revoked) = grant is null ? (null, "none") : (session, "login-session");
            if (grant is not null) revocations.Add(await list.RevokeAsync(RevocationKind.LoginSession, session, grant.Tenant).WaitAsync(cancellationToken));
        }
        else if (await ValidatesAsync(context, token, keys) is { } other && IdentityPrincipals.TenantOf(other) == tenant && other.FindFirst("jti")?.Value is { } otherJti)
        {
            revocations.Add(await list.RevokeAsync(RevocationKind.Token, otherJti, tenant).WaitAsync(cancellationToken));
            (loginSession, revoked) = (null, "token");
        }
        else
        {
            (loginSession, revoked) = (null, "none");
        }

        if (revoked != "none") await audit.RecordAsync(context, AuditEventKinds.TokenRevoked, tenant, actor, "success", details: new Dictionary<string, string> { ["revoked"] = revoked });
        return TypedResults.Ok(new RevokeResponse(revoked, loginSession));
    }

    /// <summary>Validates another access token the caller presents for revocation with the Bearer scheme's own parameters.</summary>
    private static async Task<ClaimsPrincipal?> ValidatesAsync(HttpContext context, string token, SigningKeyCache keys)
    {
        if (TDeveloperBearerOptionsSetup.Peek(token)?.Kid is not { Length: > 0 } keyId) return null;
        await keys.EnsureKnownAsync(keyId, context.RequestAborted);
        var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>>().Get(TDeveloperAuthentication.Bearer);
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { MapInboundClaims = false };
        var result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters);
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }

    private static ProblemHttpResult OAuthProblem(string error, string detail, int status) =>
        TypedResults.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { ["error"] = error });
}
