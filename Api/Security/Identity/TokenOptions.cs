using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Options of the tokens the API issues and validates (section <c>TDeveloper:Security:Tokens</c>).</summary>
public sealed class TokenOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "TDeveloper:Security:Tokens";

    /// <summary>Gets or sets the issuer (<c>iss</c>) of our tokens; every host of a cluster must name the same. Default <c>tdeveloper</c>.</summary>
    [Required] public string Issuer { get; set; } = "tdeveloper";

    /// <summary>Gets or sets the audience (<c>aud</c>) of our tokens. Default <c>tdeveloper-api</c>.</summary>
    [Required] public string Audience { get; set; } = "tdeveloper-api";

    /// <summary>Gets or sets how long an access token lasts; at most a day (the revocation list keeps entries that long). Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long a refresh token lasts unused (each use issues a new one). Default 14 days.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Gets or sets the clock skew allowed when checking a token's <c>nbf</c> and <c>exp</c>. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets whether tokens are bound to the client IP they were issued to (<c>tdev_ip</c>); another IP gets 401. Default false.</summary>
    public bool BindToIp { get; set; }

    /// <summary>
    /// Gets or sets how often at most a host fetches the signing keys again because a token names a key it does not know
    /// (so unknown <c>kid</c>s cannot flood the cluster). Default 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan KeyRefreshMinInterval { get; set; } = TimeSpan.FromSeconds(5);
}
