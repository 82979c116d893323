using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace TDeveloper.Api.Security;

/// <summary>
/// The authentication schemes of the API and the one default scheme that picks among them by what the request carries:
/// a signed request (<see cref="SignatureHeader"/>) goes to <see cref="Hmac"/>, an API key (<see cref="ApiKeyHeader"/>)
/// to <see cref="ApiKey"/>, anything else (a <c>Bearer</c> token or nothing) to <see cref="Bearer"/>.
/// </summary>
/// <remarks>
/// Every scheme yields a principal with the claims of <see cref="Grains.Interfaces.Security.TDeveloperClaims"/>, so
/// authorization and tenant isolation do not depend on how the caller proved who it is.
/// </remarks>
public static class TDeveloperAuthentication
{
    /// <summary>The default scheme: a policy scheme that forwards to one of the others.</summary>
    public const string Default = "TDeveloper";

    /// <summary>JWT bearer tokens: our own RS256 tokens, and those of configured external OIDC issuers.</summary>
    public const string Bearer = "Bearer";

    /// <summary>API keys for services, in the <see cref="ApiKeyHeader"/> header.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>HMAC-SHA256 signed requests.</summary>
    public const string Hmac = "Hmac";

    /// <summary>The header that carries an API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The header that carries a request signature.</summary>
    public const string SignatureHeader = TDeveloper.Client.Signing.SigningCanonicalForm.SignatureHeader;

    /// <summary>Adds authentication with the <see cref="Default"/> policy scheme (once, however often it is called); the schemes it forwards to are added by their own extensions.</summary>
    public static AuthenticationBuilder AddTDeveloperAuthenticationSelector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var authentication = services.AddAuthentication(Default);
        if (services.Any(service => service.ServiceType == typeof(SelectorAdded))) return authentication;
        services.AddSingleton<SelectorAdded>();
        return authentication.AddPolicyScheme(Default, "T-Developer", options => options.ForwardDefaultSelector = SelectScheme);
    }

    /// <summary>Marks that the selector was added, so each scheme's extension may call <see cref="AddTDeveloperAuthenticationSelector"/>.</summary>
    private sealed class SelectorAdded;

    /// <summary>Gets the scheme that authenticates <paramref name="context"/>.</summary>
    public static string SelectScheme(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;
        if (headers.ContainsKey(SignatureHeader)) return Hmac;
        if (headers.ContainsKey(ApiKeyHeader)) return ApiKey;
        return headers[HeaderNames.Authorization].ToString().StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) ? ApiKey : Bearer;
    }
}
