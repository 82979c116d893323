using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// Configures the <see cref="TDeveloperAuthentication.Bearer"/> JwtBearer scheme for our own tokens: RS256 only, our issuer
/// and audience, lifetime with <see cref="TokenOptions.ClockSkew"/>, keys resolved by <c>kid</c> from the
/// <see cref="SigningKeyCache"/>; then the revocation, session and IP checks. A token of a configured external issuer is
/// forwarded to that issuer's scheme by its <c>iss</c>.
/// </summary>
public sealed class TDeveloperBearerOptionsSetup(
    IOptions<TokenOptions> tokens,
    IOptions<OidcOptions> oidc,
    SigningKeyCache keys,
    RevocationCache revocations,
    IdentityAudit audit) : IConfigureNamedOptions<JwtBearerOptions>
{
    private const string BearerPrefix = "Bearer ";

    /// <inheritdoc />
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == TDeveloperAuthentication.Bearer) Configure(options);
    }

    /// <inheritdoc />
    public void Configure(JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = tokens.Value;
        options.MapInboundClaims = false;
        options.RefreshOnIssuerKeyNotFound = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = settings.ClockSkew,
            NameClaimType = TDeveloperClaims.Subject,
            RoleClaimType = TDeveloperClaims.Role,
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),
        };
        var issuers = oidc.Value.Issuers.ToDictionary(i => i.ExpectedIssuer.TrimEnd('/'), i => OidcSchemes.SchemeName(i.Name), StringComparer.Ordinal);
        if (issuers.Count > 0) options.ForwardDefaultSelector = context => ExternalSchemeOf(context, issuers);
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = async context =>
            {
                if (TokenOf(context.Request) is not { } token) return;
                context.Token = token;
                if (PeekKeyId(token) is { } keyId) await keys.EnsureKnownAsync(keyId, context.HttpContext.RequestAborted);
            },
            OnTokenValidated = async context =>
            {
                await revocations.EnsureFreshAsync(context.HttpContext.RequestAborted);
                if (BearerTokenChecks.Refusal(context.Principal!, revocations, IdentityPrincipals.ClientIp(context.HttpContext)) is { } refusal)
                {
                    var refused = new TokenRefusedException(refusal);
                    context.Fail(refused);
                    await RecordFailureAsync(context.HttpContext, refused);
                }
            },
            OnAuthenticationFailed = context => RecordFailureAsync(context.HttpContext, context.Exception),
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var header = context.AuthenticateFailure is null ? "Bearer realm=\"tdeveloper\"" : $"Bearer realm=\"tdeveloper\", error=\"invalid_token\", error_description={AuthenticationProblems.Quote(BearerTokenChecks.Describe(context.AuthenticateFailure))}";
                await AuthenticationProblems.WriteUnauthorizedAsync(context.HttpContext, header, BearerTokenChecks.Describe(context.AuthenticateFailure));
            },
        };
    }

    /// <summary>Gets the bearer token of a request, or <see langword="null"/>.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && authorization[BearerPrefix.Length..].Trim() is { Length: > 0 } token ? token : null;
    }

    /// <summary>Reads a token's header and payload without validating anything; <see langword="null"/> if it is not a JWT.</summary>
    public static JsonWebToken? Peek(string token)
    {
        try
        {
            return new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? PeekKeyId(string token) => Peek(token)?.Kid is { Length: > 0 } kid ? kid : null;

    private static string? ExternalSchemeOf(HttpContext context, Dictionary<string, string> issuers) =>
        TokenOf(context.Request) is { } token && Peek(token)?.Issuer is { } issuer && issuers.TryGetValue(issuer.TrimEnd('/'), out var scheme) ? scheme : null;

    private Task RecordFailureAsync(HttpContext context, Exception exception)
    {
        var peeked = TokenOf(context.Request) is { } token ? Peek(token) : null;
        var tenant = peeked is not null && peeked.TryGetPayloadValue<string>(TDeveloperClaims.Tenant, out var claimed) && Grains.Interfaces.GrainKeys.IsValidSegment(claimed) ? claimed : IdentityAudit.UnknownTenant;
        var actor = peeked is not null && peeked.TryGetPayloadValue<string>(TDeveloperClaims.Subject, out var subject) && subject.Length <= 128 ? subject : "anonymous";
        return audit.RecordAsync(context, AuditEventKinds.AuthenticationFailed, tenant, actor, "failure", details: new Dictionary<string, string> { ["reason"] = BearerTokenChecks.Describe(exception), ["scheme"] = TDeveloperAuthentication.Bearer });
    }
}
