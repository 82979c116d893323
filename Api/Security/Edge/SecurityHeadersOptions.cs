using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Api.Security;

/// <summary>The security headers put on every response (section <see cref="SectionName"/>).</summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "TDeveloper:Api:SecurityHeaders";

    /// <summary>The default policy: an API response loads nothing, runs nothing and is framed by nothing.</summary>
    public const string DefaultContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Gets or sets the Content-Security-Policy of responses whose endpoint sets none of its own (the Dashboard sets its own).</summary>
    /// <remarks>Defaults to <see cref="DefaultContentSecurityPolicy"/>; it also protects a downloaded workspace file that a browser would render.</remarks>
    [Required]
    public string ContentSecurityPolicy { get; set; } = DefaultContentSecurityPolicy;

    /// <summary>Gets or sets the max-age of Strict-Transport-Security, sent on HTTPS responses only. Default 365 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Gets or sets whether Strict-Transport-Security covers subdomains. Default true.</summary>
    public bool HstsIncludeSubDomains { get; set; } = true;
}
