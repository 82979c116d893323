using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Api.Security.Identity;

/// <summary>One external OIDC issuer: where its keys are, what its tokens must say, and how its claims map to ours.</summary>
public sealed class OidcIssuerOptions
{
    /// <summary>Gets or sets the issuer's name (its scheme is <c>Oidc:{Name}</c>; API-key ids and audit events name it).</summary>
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")] public string Name { get; set; } = "";

    /// <summary>Gets or sets the authority: discovery is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    [Required] public string Authority { get; set; } = "";

    /// <summary>Gets or sets the <c>iss</c> its tokens carry, when it differs from <see cref="Authority"/>. Default: the authority.</summary>
    public string? Issuer { get; set; }

    /// <summary>Gets or sets the audience (<c>aud</c>) its tokens must carry for this API.</summary>
    [Required] public string Audience { get; set; } = "";

    /// <summary>Gets or sets whether discovery must be fetched over HTTPS. Default true; turn off only for local test issuers.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Gets or sets the claim that carries the tenant. Used when <see cref="Tenant"/> is not set. Default <c>tdev_tenant</c>.</summary>
    public string TenantClaim { get; set; } = "tdev_tenant";

    /// <summary>Gets or sets a fixed tenant for every token of this issuer (overrides <see cref="TenantClaim"/>).</summary>
    public string? Tenant { get; set; }

    /// <summary>Gets or sets the claim that carries roles (a string, a space-separated list or a JSON array). Default <c>roles</c>.</summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary>
    /// Gets or sets how the issuer's roles map to ours (issuer role → our role). When it has entries, only mapped roles are
    /// kept; when empty, roles are taken as named. Default empty.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>Gets the <c>iss</c> expected in the issuer's tokens.</summary>
    public string ExpectedIssuer => string.IsNullOrWhiteSpace(Issuer) ? Authority : Issuer;
}
