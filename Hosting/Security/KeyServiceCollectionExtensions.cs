using Microsoft.Extensions.DependencyInjection.Extensions;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Security.Crypto;

namespace TDeveloper.Hosting.Security;

/// <summary>Registers the keys that encrypt sensitive fields at rest.</summary>
public static class KeyServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="IFieldProtector"/> (AES-256-GCM envelope encryption) over the configured
    /// <see cref="IDataKeyProvider"/>: the local key file (<see cref="LocalKeyFileOptions"/>) unless one was added before.
    /// </summary>
    public static IServiceCollection AddTDeveloperKeys(this IServiceCollection services)
    {
        services.AddOptions<LocalKeyFileOptions>().BindConfiguration(LocalKeyFileOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<LocalKeyFileDataKeyProvider>();
        services.TryAddSingleton<IDataKeyProvider>(sp => sp.GetRequiredService<LocalKeyFileDataKeyProvider>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFieldProtector, EnvelopeFieldProtector>();
        return services;
    }
}
