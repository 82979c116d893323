using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>
/// The embedding generator of each catalog model with the <c>Embeddings</c> capability, built on first use by the factory
/// of its provider and wrapped with OpenTelemetry and logging. An embedding generator registered in the container keyed by
/// a catalog id replaces that model's provider, as for chat clients. The offline embedding model
/// (<see cref="OfflineEmbeddingGenerator.ModelId"/>) is there without a catalog entry.
/// </summary>
internal sealed class ModelEmbeddings(IServiceProvider services, ModelProviderResolver providers) : IModelEmbeddings
{
    private readonly ConcurrentDictionary<string, IEmbeddingGenerator<string, Embedding<float>>> _generators = new(StringComparer.Ordinal);

    public IEmbeddingGenerator<string, Embedding<float>> Get(string modelId) => _generators.GetOrAdd(modelId, Build);

    private IEmbeddingGenerator<string, Embedding<float>> Build(string modelId)
    {
        var entry = modelId == OfflineEmbeddingGenerator.ModelId && !providers.Has(modelId) ? ModelCatalogOptions.OfflineEmbeddingsEntry : providers.EntryOf(modelId);
        if (!entry.Capabilities.HasFlag(ModelCapabilities.Embeddings))
            throw new InvalidOperationException($"The model '{modelId}' is not an embedding model; add Embeddings to its catalog entry's Capabilities if it is one.");

        var inner = services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(modelId)
            ?? providers.FactoryOf(entry).CreateEmbeddings(entry, services)
            ?? throw new InvalidOperationException($"The provider '{entry.Provider}' of the model '{modelId}' has no embeddings.");
        return new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner)
            .UseOpenTelemetry(sourceName: "TDeveloper")
            .UseLogging(TDeveloper.Hosting.Security.ContentFreeLoggerFactory.Over(services)) // calls and outcomes, never the messages
            .Build(services);
    }
}
