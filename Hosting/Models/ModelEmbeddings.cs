using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>
/// The embedding generator of each catalog model with the <c>Embeddings</c> capability, built on first use by the factory
/// of its provider and wrapped with OpenTelemetry and logging. An embedding generator registered in the container keyed by
/// a catalog id replaces that model's provider, as for chat clients.
/// </summary>
internal sealed class ModelEmbeddings(IServiceProvider services, IOptions<ModelCatalogOptions> catalog, IEnumerable<IModelProviderFactory> factories) : IModelEmbeddings
{
    private readonly ConcurrentDictionary<string, IEmbeddingGenerator<string, Embedding<float>>> _generators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IModelProviderFactory> _factories = factories.ToDictionary(f => f.Provider, StringComparer.OrdinalIgnoreCase);

    public IEmbeddingGenerator<string, Embedding<float>> Get(string modelId) => _generators.GetOrAdd(modelId, Build);

    private IEmbeddingGenerator<string, Embedding<float>> Build(string modelId)
    {
        var entry = catalog.Value.Find(modelId) ?? throw new KeyNotFoundException($"The model '{modelId}' is not in the catalog (TDeveloper:Models:Catalog).");
        if (!entry.Capabilities.HasFlag(ModelCapabilities.Embeddings))
            throw new InvalidOperationException($"The model '{modelId}' is not an embedding model; add Embeddings to its catalog entry's Capabilities if it is one.");

        var inner = services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(modelId)
            ?? (_factories.TryGetValue(entry.Provider, out var factory)
                ? factory.CreateEmbeddings(entry, services) ?? throw new InvalidOperationException($"The provider '{entry.Provider}' of the model '{modelId}' has no embeddings.")
                : throw new InvalidOperationException($"No provider '{entry.Provider}' is registered for the model '{modelId}'; use one of {string.Join(", ", _factories.Keys)}."));
        return new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner)
            .UseOpenTelemetry(sourceName: "TDeveloper")
            .UseLogging()
            .Build(services);
    }
}
