using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace TDeveloper.Aws.Storage;

/// <summary>
/// Fills in a storage provider's serializer when none is set: a keyed <see cref="IGrainStorageSerializer"/> registered
/// under the provider's name, else <see cref="GrainStateSerializers.CreateDefault"/>. Unlike Orleans'
/// <see cref="DefaultStorageProviderSerializerOptionsConfigurator{TOptions}"/> it never falls back to the silo-wide JSON
/// serializer, so the format is the one <see cref="GrainStateSerializers"/> documents whatever else the silo registers.
/// </summary>
/// <typeparam name="TOptions">The provider's options.</typeparam>
/// <param name="services">The silo's services.</param>
public sealed class GrainStateSerializerConfigurator<TOptions>(IServiceProvider services) : IPostConfigureOptions<TOptions>
    where TOptions : class, IStorageProviderSerializerOptions
{
    /// <inheritdoc/>
    public void PostConfigure(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GrainStorageSerializer is not null) return;
        options.GrainStorageSerializer = (name is null ? null : services.GetKeyedService<IGrainStorageSerializer>(name)) ?? GrainStateSerializers.CreateDefault(services);
    }
}
