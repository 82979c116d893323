using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Quotas;
using TDeveloper.Grains.Models.Routing;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Hosting.Models;

/// <summary>Registers the model catalog, the provider factories and the invoker the agents call.</summary>
public static class ModelServiceCollectionExtensions
{
    // The single-model section of earlier versions: refused at start rather than silently ignored.
    private const string RenamedModelSection = "TDeveloper:Model";

    /// <summary>Adds the configured models (the offline model unless the catalog says otherwise).</summary>
    public static IServiceCollection AddTDeveloperModel(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<ModelCatalogOptions>(ModelCatalogOptions.Section)
            .Validate<IConfiguration>(
                (_, configuration) => !configuration.GetSection(RenamedModelSection).Exists(),
                $"{RenamedModelSection} is no longer read: models are configured under {ModelCatalogOptions.Section} (Catalog, Chains, Offline); see the README, section Models.");
        services.AddOptions<OfflineModelOptions>().BindConfiguration(OfflineModelOptions.Section).ValidateDataAnnotationsNamingKeys(OfflineModelOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProviderFactory, OfflineModelProviderFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProviderFactory, OpenAIModelProviderFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProviderFactory, BedrockModelProviderFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProviderFactory, AnthropicModelProviderFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProviderFactory, OllamaModelProviderFactory>());
        services.TryAddSingleton<ModelProviderResolver>();
        services.TryAddSingleton<IModelClients, ModelClients>();
        services.TryAddSingleton<IModelEmbeddings, ModelEmbeddings>();
        services.TryAddSingleton<IModelInvoker, ModelInvoker>();
        services.AddModelRouting();
        return services;
    }

    // The router, health (circuit breakers, probes) and the cluster's quotas the invoker relies on.
    private static void AddModelRouting(this IServiceCollection services)
    {
        services.AddValidatedOptions<ModelRouterOptions>(ModelRouterOptions.Section);
        services.AddValidatedOptions<ModelHealthOptions>(ModelHealthOptions.Section);
        services.AddValidatedOptions<ModelQuotaOptions>(ModelQuotaOptions.Section);
        services.TryAddSingleton<ModelHealth>();
        services.TryAddSingleton<ModelHealthProbe>();
        services.TryAddSingleton<IModelQuotas, GrainModelQuotas>();
        services.AddHostedService<ModelHealthProbeService>();
    }
}
