// Written by hand because the official Microsoft.Orleans.Persistence.DynamoDB package is not served by our
// package registry. The methods have the names and shapes of Orleans' own, so swapping to it is one using line.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace TDeveloper.Aws.Storage;

/// <summary>Registers <see cref="DynamoDBGrainStorage"/> as a named (or the default) grain storage provider.</summary>
public static class DynamoDBGrainStorageExtensions
{
    /// <summary>Adds DynamoDB grain storage as the default provider (the one <c>[PersistentState("state")]</c> uses without a name).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddDynamoDBGrainStorageAsDefault(this ISiloBuilder builder, Action<DynamoDBStorageOptions> configure) =>
        builder.AddDynamoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds DynamoDB grain storage under <paramref name="name"/>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider's name, as in <c>[PersistentState("state", name)]</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddDynamoDBGrainStorage(this ISiloBuilder builder, string name, Action<DynamoDBStorageOptions> configure) =>
        builder.AddDynamoDBGrainStorage(name, options => options.Configure(configure));

    /// <summary>Adds DynamoDB grain storage as the default provider, configured through an options builder (e.g. <c>BindConfiguration</c>).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configureOptions">Configures the options builder, or <see langword="null"/> for the defaults.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddDynamoDBGrainStorageAsDefault(this ISiloBuilder builder, Action<OptionsBuilder<DynamoDBStorageOptions>>? configureOptions = null) =>
        builder.AddDynamoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds DynamoDB grain storage under <paramref name="name"/>, configured through an options builder (e.g. <c>BindConfiguration</c>).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider's name, as in <c>[PersistentState("state", name)]</c>.</param>
    /// <param name="configureOptions">Configures the options builder, or <see langword="null"/> for the defaults.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddDynamoDBGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<DynamoDBStorageOptions>>? configureOptions = null) =>
        builder.ConfigureServices(services => services.AddDynamoDBGrainStorage(name, configureOptions));

    /// <summary>
    /// Adds DynamoDB grain storage under <paramref name="name"/> to a silo's services: named options validated at start,
    /// Orleans' binary serializer as the default (<see cref="GrainStateSerializers"/> says why), the options in the start-up log (credentials redacted), and the provider
    /// as a keyed <see cref="IGrainStorage"/> that takes part in the silo lifecycle.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="name">The provider's name, as in <c>[PersistentState("state", name)]</c>.</param>
    /// <param name="configureOptions">Configures the options builder, or <see langword="null"/> for the defaults.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDynamoDBGrainStorage(this IServiceCollection services, string name, Action<OptionsBuilder<DynamoDBStorageOptions>>? configureOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<DynamoDBStorageOptions>(name);
        configureOptions?.Invoke(options);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<DynamoDBStorageOptions>>(new DynamoDBStorageOptionsValidator(name));
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<DynamoDBStorageOptions>, GrainStateSerializerConfigurator<DynamoDBStorageOptions>>());
        services.ConfigureNamedOptionForLogging<DynamoDBStorageOptions>(name);
        return services.AddGrainStorage(name, Create);
    }

    private static DynamoDBGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<DynamoDBGrainStorage>(services, name, services.GetRequiredService<IOptionsMonitor<DynamoDBStorageOptions>>().Get(name));
}
