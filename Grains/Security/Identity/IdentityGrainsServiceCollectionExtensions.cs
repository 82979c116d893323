using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>Registers what the identity grains (signing keys, revocation list, refresh tokens, API keys) need.</summary>
public static class IdentityGrainsServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="SigningKeyOptions"/> and <see cref="RevocationListOptions"/> (at start).</summary>
    public static IServiceCollection AddTDeveloperIdentityGrains(this IServiceCollection services)
    {
        services.AddOptions<SigningKeyOptions>().BindConfiguration(SigningKeyOptions.Section).ValidateDataAnnotationsNamingKeys(SigningKeyOptions.Section).ValidateOnStart();
        services.AddOptions<RevocationListOptions>().BindConfiguration(RevocationListOptions.Section).ValidateDataAnnotationsNamingKeys(RevocationListOptions.Section).ValidateOnStart();
        return services;
    }
}
