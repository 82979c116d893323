using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace TDeveloper.Hosting.Storage;

/// <summary>Registers <see cref="FileGrainStorage"/> as a named grain storage provider.</summary>
public static class FileGrainStorageExtensions
{
    /// <summary>Adds a file grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, Action<FileGrainStorageOptions> configure)
    {
        builder.Services.AddOptions<FileGrainStorageOptions>(name).Configure(configure);
        builder.Services.AddTransient<IPostConfigureOptions<FileGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<FileGrainStorageOptions>>();
        builder.Services.AddGrainStorage(name, (services, providerName) => new FileGrainStorage(
            providerName,
            services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(providerName),
            services.GetRequiredService<ILogger<FileGrainStorage>>()));
        return builder;
    }
}
