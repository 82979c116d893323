using Microsoft.Extensions.DependencyInjection.Extensions;
using TDeveloper.Grains.Models;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Hosting.Models;

/// <summary>Registers the model catalog, the provider factories and the invoker the agents call.</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>Adds the configured models (the offline model unless the catalog says otherwise).</summary>
    public static IServiceCollection AddTDeveloperModel(this IServiceCollection services)
    {
        services.AddValidatedOptions<ModelCatalogOptions>(ModelCatalogOptions.Section);
        services.AddOptions<OfflineModelOptions>().BindConfiguration(OfflineModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProviderFactory, OfflineModelProviderFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProviderFactory, OpenAIModelProviderFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProviderFactory, AnthropicModelProviderFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProviderFactory, OllamaModelProviderFactory>());
        services.TryAddSingleton<IModelClients, ModelClients>();
        services.TryAddSingleton<IModelEmbeddings, ModelEmbeddings>();
        services.TryAddSingleton<IModelInvoker, ModelInvoker>();
        return services;
    }
}
