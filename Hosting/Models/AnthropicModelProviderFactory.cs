using Anthropic;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>Builds a client of Anthropic's Messages API with Anthropic's official SDK and its <see cref="IChatClient"/> adapter.</summary>
internal sealed class AnthropicModelProviderFactory : IModelProviderFactory
{
    /// <summary>The output limit of a call that sets none: the Messages API requires one.</summary>
    private const int DefaultMaxOutputTokens = 8192;

    public string Provider => ModelProviders.Anthropic;

    public IChatClient Create(ModelCatalogEntry entry, IServiceProvider services)
    {
        var client = new AnthropicClient
        {
            ApiKey = entry.ApiKey,
            BaseUrl = ModelEndpoints.Of(entry)!.ToString().TrimEnd('/'),
            // No SDK retries: the invoker's fallback chain decides what is retried and where (see OpenAIModelProviderFactory).
            MaxRetries = 0,
            // The SDK keeps its own 10 min timeout; a second one on the HttpClient would race it.
            HttpClient = ModelHttpHandler.CreateClient(services, timeout: Timeout.InfiniteTimeSpan),
        };
        return new ProviderChatClient(client.AsIChatClient(entry.ProviderModel, DefaultMaxOutputTokens), entry, KindOf);
    }

    /// <summary>Reads the error type Anthropic sends in an error event of a stream, where no HTTP status says what went wrong.</summary>
    private static ModelErrorKind? KindOf(Exception exception) => (exception as AnthropicServiceException)?.Type?.Raw() switch
    {
        "rate_limit_error" => ModelErrorKind.RateLimited,
        "overloaded_error" => ModelErrorKind.Unavailable,
        "api_error" => ModelErrorKind.Internal,
        "timeout_error" => ModelErrorKind.Timeout,
        "authentication_error" or "permission_error" => ModelErrorKind.AccessDenied,
        "billing_error" => ModelErrorKind.QuotaExceeded,
        "not_found_error" => ModelErrorKind.NotFound,
        "invalid_request_error" => ModelErrorKind.InvalidRequest,
        _ => null,
    };
}
