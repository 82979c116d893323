using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>
/// Builds a client of any OpenAI-compatible endpoint with the OpenAI SDK (Microsoft.Extensions.AI.OpenAI): OpenAI by default,
/// or the entry's <c>Endpoint</c> — Azure OpenAI's v1 URL (<c>https://{resource}.openai.azure.com/openai/v1/</c>, the
/// deployment as <c>ProviderModelId</c>), vLLM, LM Studio, Groq, Together.
/// </summary>
internal sealed class OpenAIModelProviderFactory : IModelProviderFactory
{
    public string Provider => ModelProviders.OpenAI;

    public IChatClient Create(ModelCatalogEntry entry, IServiceProvider services) =>
        new ProviderChatClient(ClientOf(entry, services).GetChatClient(entry.ProviderModel).AsIChatClient(), entry);

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddings(ModelCatalogEntry entry, IServiceProvider services) =>
        ClientOf(entry, services).GetEmbeddingClient(entry.ProviderModel).AsIEmbeddingGenerator();

    private static OpenAIClient ClientOf(ModelCatalogEntry entry, IServiceProvider services) =>
        // Local servers (vLLM, LM Studio) take no key, but the SDK refuses an empty credential.
        new(new ApiKeyCredential(string.IsNullOrWhiteSpace(entry.ApiKey) ? "no-key" : entry.ApiKey), new OpenAIClientOptions
        {
            Endpoint = ModelEndpoints.Of(entry),
            // No SDK retries: the invoker's fallback chain decides what is retried and where (the next model, after the
            // quota's pause); hidden retries would multiply calls against a throttled quota and delay the fallback.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The SDK's 100 s default cuts long non-streamed generations.
            NetworkTimeout = TimeSpan.FromMinutes(10),
            Transport = new HttpClientPipelineTransport(ModelHttpHandler.CreateClient(services, timeout: Timeout.InfiniteTimeSpan)),
        });
}
