using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TDeveloper.Aws.Kms;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Security.Crypto;

namespace TDeveloper.Hosting.Security;

/// <summary>Registers the keys that encrypt sensitive fields at rest.</summary>
public static class KeyServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="IFieldProtector"/> (AES-256-GCM envelope encryption) over the configured
    /// <see cref="IDataKeyProvider"/>: the one the <c>Keys</c> provider chose (<c>TDeveloper:Providers:Keys</c>), else the
    /// local key file (<see cref="LocalKeyFileOptions"/>).
    /// </summary>
    public static IServiceCollection AddTDeveloperKeys(this IServiceCollection services)
    {
        services.AddLocalKeyFileOptions(null);
        services.TryAddSingleton<IDataKeyProvider>(sp => sp.GetRequiredService<LocalKeyFileDataKeyProvider>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFieldProtector, EnvelopeFieldProtector>();
        if (!services.Any(d => d.ServiceType == typeof(LocalKeyFileOnStart)))
        {
            services.AddSingleton<LocalKeyFileOnStart>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<LocalKeyFileOnStart>());
        }

        return services;
    }

    /// <summary>Makes the local key file (<paramref name="section"/>, default <c>TDeveloper:Security:LocalKeys</c>) the master keys.</summary>
    public static IServiceCollection AddLocalKeyFileDataKeys(this IServiceCollection services, IConfigurationSection? section = null)
    {
        services.AddLocalKeyFileOptions(section);
        services.Replace(ServiceDescriptor.Singleton<IDataKeyProvider>(sp => sp.GetRequiredService<LocalKeyFileDataKeyProvider>()));
        return services;
    }

    /// <summary>
    /// Makes AWS KMS the master keys, configured by <paramref name="section"/> (<c>TDeveloper:Security:Kms</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The section names no key id; the message names the setting.</exception>
    public static IServiceCollection AddKmsDataKeys(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = section.Get<KmsKeyOptions>() ?? new KmsKeyOptions();
        if (string.IsNullOrWhiteSpace(options.KeyId))
        {
            throw new InvalidOperationException(
                $"{section.Path}:KeyId is required: in AWS mode (or with TDeveloper:Providers:Keys=Kms) sensitive fields are sealed under data keys of a KMS key. " +
                "Set it to the key's id, ARN or alias (e.g. alias/tdeveloper), or choose the local key file with TDeveloper:Providers:Keys=Local.");
        }

        services.AddOptions<KmsKeyOptions>().Bind(section).ValidateDataAnnotationsNamingKeys(section.Path).ValidateOnStart();
        services.TryAddSingleton(sp => new KmsDataKeyProvider(sp.GetRequiredService<IOptions<KmsKeyOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<IDataKeyProvider>(sp => sp.GetRequiredService<KmsDataKeyProvider>()));
        return services;
    }

    private static void AddLocalKeyFileOptions(this IServiceCollection services, IConfigurationSection? section)
    {
        if (services.Any(d => d.ServiceType == typeof(LocalKeyFileDataKeyProvider))) return;
        var builder = services.AddOptions<LocalKeyFileOptions>();
        if (section is null) builder.BindConfiguration(LocalKeyFileOptions.Section);
        else builder.Bind(section);
        builder.ValidateDataAnnotationsNamingKeys(section?.Path ?? LocalKeyFileOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<LocalKeyFileOptions>, LocalKeyFilePath>();
        services.AddSingleton<LocalKeyFileDataKeyProvider>();
    }

    /// <summary>Resolves a relative key file path against the host's content root, as the file stores resolve theirs.</summary>
    private sealed class LocalKeyFilePath(IServiceProvider services) : IPostConfigureOptions<LocalKeyFileOptions>
    {
        public void PostConfigure(string? name, LocalKeyFileOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.Path)) return;
            var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            options.Path = System.IO.Path.GetFullPath(options.Path, root);
        }
    }
}
