using Microsoft.Extensions.AI;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>Builds the chat client (and embedding generator, where the provider has one) of a catalog entry for one provider (offline, bedrock, openai, anthropic, ollama).</summary>
public interface IModelProviderFactory
{
    /// <summary>Gets the provider name catalog entries use (see <see cref="ModelProviders"/>).</summary>
    string Provider { get; }

    /// <summary>Creates the client of <paramref name="entry"/>.</summary>
    IChatClient Create(ModelCatalogEntry entry, IServiceProvider services);

    /// <summary>Creates the embedding generator of <paramref name="entry"/>; null when the provider has no embeddings (the default).</summary>
    IEmbeddingGenerator<string, Embedding<float>>? CreateEmbeddings(ModelCatalogEntry entry, IServiceProvider services) => null;
}
