using Amazon.Runtime;
using Microsoft.Extensions.AI;
using TDeveloper.Aws.Bedrock;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>
/// Builds a Bedrock client of a catalog entry: its <c>ProviderModelId</c>, <c>Region</c> and <c>Endpoint</c>; credentials from an
/// <see cref="AWSCredentials"/> registered in the container, else the standard AWS chain.
/// </summary>
internal sealed class BedrockModelProviderFactory : IModelProviderFactory
{
    public string Provider => ModelProviders.Bedrock;

    public IChatClient Create(ModelCatalogEntry entry, IServiceProvider services) => new BedrockChatClient(OptionsOf(entry, services));

    /// <summary>Creates a Titan embeddings generator (InvokeModel) for an entry with the <c>Embeddings</c> capability.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddings(ModelCatalogEntry entry, IServiceProvider services) => new BedrockEmbeddingGenerator(OptionsOf(entry, services));

    private static BedrockClientOptions OptionsOf(ModelCatalogEntry entry, IServiceProvider services) => new()
    {
        ModelId = entry.ProviderModel,
        Region = entry.Region,
        Endpoint = entry.Endpoint,
        Credentials = services.GetService<AWSCredentials>(),
    };
}
