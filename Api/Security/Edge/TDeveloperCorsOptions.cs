using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace TDeveloper.Api.Security;

/// <summary>Cross-origin access to the API (section <see cref="SectionName"/>); none by default.</summary>
/// <remarks>
/// With no <see cref="AllowedOrigins"/> no browser page of another origin may call the API (no CORS header is ever
/// sent). Empty <see cref="AllowedMethods"/> and <see cref="AllowedHeaders"/> mean the defaults listed on each; lists
/// replace them rather than add to them.
/// </remarks>
public sealed class TDeveloperCorsOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "TDeveloper:Api:Cors";

    /// <summary>The methods allowed when <see cref="AllowedMethods"/> is empty: those the API uses.</summary>
    public static IReadOnlyList<string> DefaultMethods { get; } = ["GET", "POST", "DELETE"];

    /// <summary>The request headers allowed when <see cref="AllowedHeaders"/> is empty: those the API reads.</summary>
    public static IReadOnlyList<string> DefaultHeaders { get; } =
        ["Authorization", "Content-Type", "Last-Event-ID", TDeveloperAuthentication.ApiKeyHeader, TDeveloperAuthentication.SignatureHeader];

    /// <summary>The response headers a page may read, beyond the CORS-safelisted ones.</summary>
    public static IReadOnlyList<string> ExposedHeaders { get; } = ["Location", "Retry-After", "ETag"];

    /// <summary>Gets or sets the origins allowed, such as <c>https://app.example.com</c>, or <c>*</c> for any (not with credentials). Default: none.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Gets or sets the methods allowed. Default (empty): <see cref="DefaultMethods"/>.</summary>
    public List<string> AllowedMethods { get; set; } = [];

    /// <summary>Gets or sets the request headers allowed, or <c>*</c> for any. Default (empty): <see cref="DefaultHeaders"/>.</summary>
    public List<string> AllowedHeaders { get; set; } = [];

    /// <summary>Gets or sets whether pages may send cookies or HTTP authentication. Default false.</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>Gets or sets how long a browser may cache a preflight answer. Default 10 minutes.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets the CORS policy these options describe.</summary>
    public CorsPolicy ToPolicy()
    {
        var policy = new CorsPolicyBuilder();
        if (AllowedOrigins.Contains("*")) policy.AllowAnyOrigin();
        else policy.WithOrigins([.. AllowedOrigins]);
        policy.WithMethods([.. AllowedMethods.Count > 0 ? AllowedMethods : DefaultMethods]);
        if (AllowedHeaders.Contains("*")) policy.AllowAnyHeader();
        else policy.WithHeaders([.. AllowedHeaders.Count > 0 ? AllowedHeaders : DefaultHeaders]);
        policy.WithExposedHeaders([.. ExposedHeaders]).SetPreflightMaxAge(PreflightMaxAge);
        if (AllowCredentials) policy.AllowCredentials();
        return policy.Build();
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins.Where(o => o != "*" && !IsOrigin(o)))
            yield return new ValidationResult($"{SectionName}:AllowedOrigins has '{origin}', which is not an origin such as https://app.example.com (scheme, host and port only) or '*'.", [nameof(AllowedOrigins)]);
        if (AllowCredentials && AllowedOrigins.Contains("*"))
            yield return new ValidationResult($"{SectionName}:AllowCredentials cannot be true when AllowedOrigins has '*': name the origins.", [nameof(AllowCredentials)]);
        foreach (var method in AllowedMethods.Where(m => m.Length == 0 || !m.All(char.IsAsciiLetterUpper)))
            yield return new ValidationResult($"{SectionName}:AllowedMethods has '{method}', which is not an upper-case HTTP method.", [nameof(AllowedMethods)]);
        if (PreflightMaxAge < TimeSpan.Zero)
            yield return new ValidationResult($"{SectionName}:PreflightMaxAge must not be negative.", [nameof(PreflightMaxAge)]);
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && !origin.EndsWith('/') && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}
