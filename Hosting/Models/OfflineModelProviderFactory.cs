using Microsoft.Extensions.AI;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>Builds the deterministic offline model, and its embeddings (<see cref="OfflineEmbeddingGenerator"/>).</summary>
internal sealed class OfflineModelProviderFactory : IModelProviderFactory
{
    public string Provider => ModelProviders.Offline;

    public IChatClient Create(ModelCatalogEntry entry, IServiceProvider services) => ActivatorUtilities.CreateInstance<OfflineChatClient>(services);

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddings(ModelCatalogEntry entry, IServiceProvider services) => new OfflineEmbeddingGenerator();
}
