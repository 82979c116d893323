using TDeveloper.Grains.Interfaces.Configuration;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Wires identity into an API host: the schemes, the fallback policy, the token, key and discovery routes.</summary>
public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Adds authentication (<see cref="TDeveloperAuthentication.AddTDeveloperAuthenticationSelector"/> with the
    /// <see cref="TDeveloperAuthentication.Bearer"/> JwtBearer scheme, one scheme per external OIDC issuer and the
    /// <see cref="TDeveloperAuthentication.ApiKey"/> scheme), authorization whose fallback policy wants an authenticated caller
    /// with a tenant, the token issuer, the key and revocation
    /// caches, the bootstrap keys and the options (validated at start).
    /// </summary>
    public static IServiceCollection AddTDeveloperIdentity(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section).ValidateDataAnnotationsNamingKeys(TokenOptions.Section).ValidateOnStart();
        services.AddOptions<RevocationCacheOptions>().BindConfiguration(RevocationCacheOptions.Section).ValidateDataAnnotationsNamingKeys(RevocationCacheOptions.Section).ValidateOnStart();
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditTrail, LoggingAuditTrail>();
        services.TryAddSingleton<IdentityAudit>();
        services.TryAddSingleton<SigningKeyCache>();
        services.TryAddSingleton<RevocationCache>();
        services.TryAddSingleton<TokenIssuer>();
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<ApiKeyIssuer>();
        services.AddHostedService<RevocationCacheRefresher>();
        services.AddHostedService<BootstrapCredentialsService>();

        services.AddTDeveloperAuthenticationSelector()
            .AddJwtBearer(TDeveloperAuthentication.Bearer, _ => { })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(TDeveloperAuthentication.ApiKey, "API key", _ => { });
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, TDeveloperBearerOptionsSetup>();
        services.AddSingleton<OidcSchemes>();
        services.AddSingleton<IConfigureOptions<AuthenticationOptions>>(sp => sp.GetRequiredService<OidcSchemes>());
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>>(sp => sp.GetRequiredService<OidcSchemes>());

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(TDeveloperClaims.Tenant).Build());
        return services;
    }

    /// <summary>Marks this host as a silo of the embedded default, where the bootstrap admin key file is written at first start.</summary>
    public static IServiceCollection AddTDeveloperEmbeddedBootstrap(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<EmbeddedBootstrap>();
        return services;
    }

    /// <summary>Adds the tenant-header guard to the pipeline; call it after authentication.</summary>
    public static IApplicationBuilder UseTDeveloperIdentity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<TenantHeaderGuardMiddleware>();
        return app;
    }

    /// <summary>Maps <c>/v1/auth/*</c> and <c>/v1/api-keys</c> under <paramref name="v1"/>.</summary>
    public static RouteGroupBuilder MapTDeveloperIdentityApi(this RouteGroupBuilder v1) => v1.MapAuthApi().MapApiKeysApi();

    internal static List<string> Problems(OidcOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.Issuers.Count; i++)
        {
            var issuer = options.Issuers[i];
            var at = $"{OidcOptions.Section}:Issuers:{i}";
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(issuer, new ValidationContext(issuer), results, validateAllProperties: true)) problems.AddRange(results.Select(r => $"{at}: {r.ErrorMessage}"));
            if (!Uri.TryCreate(issuer.Authority, UriKind.Absolute, out _)) problems.Add($"{at}:Authority must be an absolute URL.");
            if (!string.IsNullOrWhiteSpace(issuer.Tenant) && !GrainKeys.IsValidSegment(issuer.Tenant)) problems.Add($"{at}:Tenant '{issuer.Tenant}' is not a valid tenant id.");
            if (string.IsNullOrWhiteSpace(issuer.Tenant) && string.IsNullOrWhiteSpace(issuer.TenantClaim)) problems.Add($"{at}: set Tenant or TenantClaim.");
            if (options.Issuers.Take(i).Any(other => other.Name == issuer.Name)) problems.Add($"{at}:Name '{issuer.Name}' is used twice.");
        }

        return problems;
    }

    private sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
    {
        public ValidateOptionsResult Validate(string? name, OidcOptions options) =>
            Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
    {
        public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
        {
            var problems = new List<string>();
            for (var i = 0; i < options.Keys.Count; i++)
            {
                var key = options.Keys[i];
                var at = $"{BootstrapOptions.Section}:Keys:{i}";
                if (!ApiKeyText.TryParse(key.Key, out _, out _)) problems.Add($"{at}:Key must be tdk_<id>_<secret> with an id of letters and digits and a secret of at least {ApiKeyText.MinSecretLength} characters.");
                if (!GrainKeys.IsValidSegment(key.Tenant)) problems.Add($"{at}:Tenant '{key.Tenant}' is not a valid tenant id.");
                if (key.Roles.FirstOrDefault(r => !GrainKeys.IsValidSegment(r)) is { } role) problems.Add($"{at}:Roles: '{role}' is not a valid role name.");
                if (string.IsNullOrWhiteSpace(key.Name)) problems.Add($"{at}:Name must not be empty.");
            }

            return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
        }
    }
}
