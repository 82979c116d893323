using Microsoft.Extensions.AI;
using OllamaSharp;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>Builds a client of an Ollama server (<c>/api/chat</c>, <c>/api/embed</c>) with OllamaSharp, whose client is both an <see cref="IChatClient"/> and an embedding generator.</summary>
internal sealed class OllamaModelProviderFactory : IModelProviderFactory
{
    /// <summary>How long a call may take: a local model on a CPU can be slow, and OllamaSharp has no timeout of its own.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(10);

    public string Provider => ModelProviders.Ollama;

    public IChatClient Create(ModelCatalogEntry entry, IServiceProvider services) => new ProviderChatClient(ClientOf(entry, services), entry);

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddings(ModelCatalogEntry entry, IServiceProvider services) => ClientOf(entry, services);

    private static OllamaApiClient ClientOf(ModelCatalogEntry entry, IServiceProvider services) =>
        // The trailing slash keeps a base path (http://host/ollama/) when OllamaSharp resolves its relative "api/chat".
        new(ModelHttpHandler.CreateClient(services, new Uri(ModelEndpoints.Of(entry)!.ToString().TrimEnd('/') + "/"), CallTimeout), entry.ProviderModel);
}
