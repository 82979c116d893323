using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Checks a presented API key against its grain (hash compared in constant time there) and audits the outcome.</summary>
public sealed class ApiKeyAuthenticator(IGrainFactory grains, IdentityAudit audit)
{
    /// <summary>The <see cref="TDeveloperClaims.CredentialKind"/> of a caller authenticated by an API key.</summary>
    public const string CredentialKind = "apikey";

    /// <summary>Checks <paramref name="presented"/>; the key when it is valid, else why not (unknown, expired or revoked).</summary>
    public async Task<ApiKeyVerification> VerifyAsync(string presented, HttpContext? context, CancellationToken cancellationToken = default)
    {
        CallerContext.ActAsSystem(); // checking a presented key is the system's own, also when the token route runs it for a caller
        if (!ApiKeyText.TryParse(presented, out var id, out var secret))
        {
            await audit.RecordAsync(context, AuditEventKinds.AuthenticationFailed, IdentityAudit.UnknownTenant, "anonymous", "failure", details: new Dictionary<string, string> { ["reason"] = "malformed API key" });
            return new ApiKeyVerification { Outcome = ApiKeyVerificationOutcome.Unknown };
        }

        var verification = await grains.GetGrain<IApiKeyGrain>(id).VerifyAsync(ApiKeyText.Hash(secret)).WaitAsync(cancellationToken);
        var tenant = verification.Key?.Tenant ?? IdentityAudit.UnknownTenant;
        var actor = ApiKeyText.Subject(id);
        var details = new Dictionary<string, string> { ["keyId"] = id };
        if (verification.Outcome == ApiKeyVerificationOutcome.Valid)
        {
            await audit.RecordAsync(context, AuditEventKinds.KeyUsed, tenant, actor, "success", $"tenants/{tenant}/api-keys/{id}", details);
        }
        else
        {
            details["reason"] = verification.Outcome.ToString().ToLowerInvariant();
            await audit.RecordAsync(context, AuditEventKinds.AuthenticationFailed, tenant, actor, "failure", details: details);
        }

        return verification;
    }

    /// <summary>Gets the message a caller is shown for a refused key.</summary>
    public static string Describe(ApiKeyVerificationOutcome outcome) => outcome switch
    {
        ApiKeyVerificationOutcome.Expired => "The API key has expired.",
        ApiKeyVerificationOutcome.Revoked => "The API key was revoked.",
        _ => "The API key is not valid.",
    };

    /// <summary>Builds the principal of a caller authenticated by <paramref name="key"/>.</summary>
    public static System.Security.Claims.ClaimsPrincipal PrincipalOf(ApiKeySummary key, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IdentityPrincipals.Create(authenticationType, key.Tenant, ApiKeyText.Subject(key.Id), key.Roles, CredentialKind, key.Id);
    }
}
