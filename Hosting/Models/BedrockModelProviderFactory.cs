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

    public IChatClient Create(ModelCatalogEntry entry, IServiceProvider services) => new BedrockChatClient(new BedrockClientOptions
    {
        ModelId = entry.ProviderModel,
        Region = entry.Region,
        Endpoint = entry.Endpoint,
        Credentials = services.GetService<AWSCredentials>(),
    });
}
