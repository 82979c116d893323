using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// One JwtBearer scheme per configured external OIDC issuer (<see cref="OidcOptions"/>), named <c>Oidc:{Name}</c>: keys
/// and issuer from the issuer's discovery document, our audience, claims mapped by <see cref="ExternalClaims"/>, then the
/// revocation and tenant checks of our own tokens.
/// </summary>
public sealed class OidcSchemes(IOptions<OidcOptions> oidc, RevocationCache revocations, IdentityAudit audit)
    : IConfigureOptions<AuthenticationOptions>, IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>The prefix of the schemes' names.</summary>
    public const string Prefix = "Oidc:";

    /// <summary>Gets the scheme name of the issuer <paramref name="name"/>.</summary>
    public static string SchemeName(string name) => Prefix + name;

    /// <inheritdoc />
    public void Configure(AuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var issuer in oidc.Value.Issuers)
        {
            if (options.SchemeMap.ContainsKey(SchemeName(issuer.Name))) continue;
            options.AddScheme<JwtBearerHandler>(SchemeName(issuer.Name), $"OIDC issuer {issuer.Name}");
        }
    }

    /// <inheritdoc />
    public void Configure(string? name, JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal)) return;
        var issuer = oidc.Value.Issuers.FirstOrDefault(i => SchemeName(i.Name) == name);
        if (issuer is null) return;
        options.Authority = issuer.Authority;
        options.Audience = issuer.Audience;
        options.RequireHttpsMetadata = issuer.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer.ExpectedIssuer,
            ValidAudience = issuer.Audience,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            NameClaimType = TDeveloperClaims.Subject,
            RoleClaimType = TDeveloperClaims.Role,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                var (principal, refusal) = ExternalClaims.Map(context.Principal!, issuer, name);
                await revocations.EnsureFreshAsync(context.HttpContext.RequestAborted);
                refusal ??= BearerTokenChecks.Refusal(principal!, revocations, IdentityPrincipals.ClientIp(context.HttpContext));
                if (refusal is null)
                {
                    context.Principal = principal;
                    return;
                }

                context.Fail(new TokenRefusedException(refusal));
                await audit.RecordAsync(context.HttpContext, AuditEventKinds.AuthenticationFailed, IdentityAudit.UnknownTenant, "anonymous", "failure", details: new Dictionary<string, string> { ["reason"] = refusal, ["scheme"] = name });
            },
            OnAuthenticationFailed = context => audit.RecordAsync(context.HttpContext, AuditEventKinds.AuthenticationFailed, IdentityAudit.UnknownTenant, "anonymous", "failure",
                details: new Dictionary<string, string> { ["reason"] = BearerTokenChecks.Describe(context.Exception), ["scheme"] = name }),
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var detail = BearerTokenChecks.Describe(context.AuthenticateFailure);
                await AuthenticationProblems.WriteUnauthorizedAsync(context.HttpContext, $"Bearer error=\"invalid_token\", error_description={AuthenticationProblems.Quote(detail)}", detail);
            },
        };
    }

    /// <inheritdoc />
    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
