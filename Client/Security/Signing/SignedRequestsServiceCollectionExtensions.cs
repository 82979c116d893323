using Microsoft.AspNetCore.Authentication;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Client.Security.Signing;

/// <summary>Registers signed-request authentication.</summary>
public static class SignedRequestsServiceCollectionExtensions
{
    /// <summary>
    /// Adds authentication with the <see cref="TDeveloperAuthentication.Default"/> selector and the
    /// <see cref="TDeveloperAuthentication.Hmac"/> scheme (options from <see cref="SignedRequestOptions.Section"/>,
    /// validated at start), the <see cref="PermissionStandIn.AdminPolicy"/> policy, and a stand-in
    /// <see cref="TDeveloperAuthentication.Bearer"/> scheme that authenticates nobody when no real one is registered.
    /// </summary>
    public static IServiceCollection AddTDeveloperSignedRequests(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTDeveloperAuthenticationSelector()
            .AddScheme<SignedRequestOptions, HmacAuthenticationHandler>(TDeveloperAuthentication.Hmac, "Signed request (HMAC-SHA256)", null);
        services.AddOptions<SignedRequestOptions>(TDeveloperAuthentication.Hmac).BindConfiguration(SignedRequestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthenticationOptions>().PostConfigure(o =>
        {
            if (!o.SchemeMap.ContainsKey(TDeveloperAuthentication.Bearer)) o.AddScheme<NoCredentialBearerHandler>(TDeveloperAuthentication.Bearer, null);
        });
        services.AddAuthorizationBuilder().AddPolicy(PermissionStandIn.AdminPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(TDeveloperClaims.Tenant)
            .RequireClaim(TDeveloperClaims.Role, BuiltInRoles.Admin));
        return services;
    }
}
