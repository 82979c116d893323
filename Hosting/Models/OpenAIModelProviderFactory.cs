using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>Builds a client of any OpenAI-compatible endpoint with the OpenAI SDK (Microsoft.Extensions.AI.OpenAI).</summary>
internal sealed class OpenAIModelProviderFactory : IModelProviderFactory
{
    public string Provider => ModelProviders.OpenAI;

    public IChatClient Create(ModelCatalogEntry entry, IServiceProvider services) =>
        new OpenAIClient(new ApiKeyCredential(entry.ApiKey ?? "unused"), new OpenAIClientOptions { Endpoint = entry.Endpoint })
            .GetChatClient(entry.ProviderModel)
            .AsIChatClient();
}
