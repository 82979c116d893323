using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>
/// The HTTP handler under every provider SDK: sends the current call's idempotency key as <c>Idempotency-Key</c> (OpenAI
/// and Anthropic recognise a retried request by it), and records the status and Retry-After of a failed response in the
/// call's <see cref="ModelCallScope"/>.
/// </summary>
internal sealed class ModelHttpHandler(TimeProvider time) : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    /// <summary>The header carrying the step attempt's idempotency key.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>
    /// Creates the HTTP client a provider SDK sends through. Not from IHttpClientFactory: the service defaults add the
    /// standard resilience handler to every factory client, whose retries and 30 s total timeout would fight the fallback
    /// chain and cut long generations.
    /// </summary>
    public static HttpClient CreateClient(IServiceProvider services, Uri? baseAddress = null, TimeSpan? timeout = null) =>
        new(new ModelHttpHandler(services.GetService<TimeProvider>() ?? TimeProvider.System))
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromMinutes(10),
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var scope = ModelCallScope.Current;
        if (scope?.IdempotencyKey is { Length: > 0 } key && !request.Headers.Contains(IdempotencyHeader))
            request.Headers.TryAddWithoutValidation(IdempotencyHeader, key);

        var response = await base.SendAsync(request, cancellationToken);
        if (scope is not null && !response.IsSuccessStatusCode)
        {
            scope.FailedStatus = (int)response.StatusCode;
            scope.RetryAfter = ModelErrors.RetryAfterOf(response.Headers, time.GetUtcNow());
        }

        return response;
    }
}
