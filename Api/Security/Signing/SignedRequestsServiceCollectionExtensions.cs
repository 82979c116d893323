using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.AspNetCore.Authentication;

namespace TDeveloper.Api.Security.Signing;

/// <summary>Registers signed-request authentication.</summary>
public static class SignedRequestsServiceCollectionExtensions
{
    /// <summary>
    /// Adds authentication with the <see cref="TDeveloperAuthentication.Default"/> selector and the
    /// <see cref="TDeveloperAuthentication.Hmac"/> scheme (options from <see cref="SignedRequestOptions.Section"/>,
    /// validated at start).
    /// </summary>
    public static IServiceCollection AddTDeveloperSignedRequests(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTDeveloperAuthenticationSelector()
            .AddScheme<SignedRequestOptions, HmacAuthenticationHandler>(TDeveloperAuthentication.Hmac, "Signed request (HMAC-SHA256)", null);
        services.AddOptions<SignedRequestOptions>(TDeveloperAuthentication.Hmac).BindConfiguration(SignedRequestOptions.Section).ValidateDataAnnotationsNamingKeys(SignedRequestOptions.Section).ValidateOnStart();
        return services;
    }
}
