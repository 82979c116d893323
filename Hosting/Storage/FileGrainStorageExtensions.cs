using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TDeveloper.Aws.Storage;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Hosting.Storage;

/// <summary>Registers <see cref="FileGrainStorage"/> as a named grain storage provider.</summary>
public static class FileGrainStorageExtensions
{
    /// <summary>Adds a file grain storage provider named <paramref name="name"/>, configured in code.</summary>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, Action<FileGrainStorageOptions> configure) =>
        builder.AddFileGrainStorage(name, options => options.Configure(configure), nameof(FileGrainStorageOptions));

    /// <summary>Adds a file grain storage provider named <paramref name="name"/>, bound from <paramref name="section"/> (e.g. <c>TDeveloper:Storage</c>).</summary>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddFileGrainStorage(name, options => options.Bind(section), section.Path);
    }

    private static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<FileGrainStorageOptions>> configure, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<FileGrainStorageOptions>(name);
        configure(options);
        options.PostConfigure<IHostEnvironment>((o, host) =>
        {
            if (!string.IsNullOrWhiteSpace(o.Directory)) o.Directory = Path.GetFullPath(o.Directory, host.ContentRootPath);
        }).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FileGrainStorageOptions>>(new KeyedDataAnnotationsValidator<FileGrainStorageOptions>(name, keyPrefix));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<FileGrainStorageOptions>, GrainStateSerializerConfigurator<FileGrainStorageOptions>>());
        builder.Services.AddGrainStorage(name, (services, providerName) => new FileGrainStorage(
            providerName,
            services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(providerName),
            services.GetRequiredService<ILogger<FileGrainStorage>>()));
        return builder;
    }
}
