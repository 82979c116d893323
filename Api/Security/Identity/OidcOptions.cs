namespace TDeveloper.Api.Security.Identity;

/// <summary>External OpenID Connect issuers whose access tokens the API accepts (section <c>TDeveloper:Security:Oidc</c>).</summary>
public sealed class OidcOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "TDeveloper:Security:Oidc";

    /// <summary>Gets or sets the issuers. Default none.</summary>
    public List<OidcIssuerOptions> Issuers { get; set; } = [];
}
