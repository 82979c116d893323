using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace TDeveloper.Client;

/// <summary>Registers the remote T-Developer client: <see cref="TDeveloperHandles"/> over the HTTP API with an API key or a token.</summary>
public static class TDeveloperRemoteClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the remote client uses (for adding handlers).</summary>
    public const string HttpClientName = "TDeveloper.Remote";

    /// <summary>
    /// Adds <see cref="TDeveloperHandles"/> over the HTTP API at <see cref="TDeveloperRemoteClientOptions.BaseAddress"/>, authenticated
    /// with <see cref="TDeveloperRemoteClientOptions.ApiKey"/> or <see cref="TDeveloperRemoteClientOptions.Token"/>; no Orleans client.
    /// </summary>
    /// <remarks>
    /// The typed <see cref="HttpClient"/> retries reads (GET) on transient failures (connection errors, 408, 429, 5xx) up to three
    /// times with jittered exponential back-off (<c>Microsoft.Extensions.Http.Resilience</c>); commands are never retried, since
    /// repeating a submit would submit twice. Watches reconnect by themselves (<see cref="SessionHandle.WatchAsync"/>).
    /// </remarks>
    /// <returns>The <see cref="IHttpClientBuilder"/> of the client, to add handlers or replace its primary handler.</returns>
    public static IHttpClientBuilder AddTDeveloperRemoteClient(this IServiceCollection services, Action<TDeveloperRemoteClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TDeveloperRemoteClientOptions>();
        if (configure is not null) options.Configure(configure);
        options.ValidateDataAnnotationsNamingKeys(TDeveloperRemoteClientOptions.SectionName)
            .Validate(o => o.ApiKey is { Length: > 0 } || o.Token is { Length: > 0 }, $"Set {TDeveloperRemoteClientOptions.SectionName}:ApiKey or :Token: the API accepts no anonymous caller.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<CredentialHandler>();

        var http = services.AddHttpClient<HttpTransport>(HttpClientName).AddHttpMessageHandler<CredentialHandler>();
        http.AddResilienceHandler("tdeveloper-reads", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(
                args.Context.GetRequestMessage()?.Method == HttpMethod.Get && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        }));
        services.TryAddSingleton<ITDeveloperTransport>(sp => sp.GetRequiredService<HttpTransport>());
        services.TryAddSingleton(sp => new TDeveloperHandles(sp.GetRequiredService<ITDeveloperTransport>()));
        return http;
    }

    /// <summary>Adds the remote client with options bound from <paramref name="section"/> (usually <see cref="TDeveloperRemoteClientOptions.SectionName"/>).</summary>
    public static IHttpClientBuilder AddTDeveloperRemoteClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<TDeveloperRemoteClientOptions>().Bind(section);
        return services.AddTDeveloperRemoteClient();
    }
}
