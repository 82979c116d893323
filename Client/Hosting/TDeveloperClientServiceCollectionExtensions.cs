using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Client;

/// <summary>Registers the T-Developer client: an external Orleans client and the <see cref="ITDeveloperClient"/> facade.</summary>
public static class TDeveloperClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds an external Orleans client that connects to the silo gateways named in <see cref="TDeveloperClientOptions"/>
    /// (static gateway list, memory streams named <see cref="SessionEventStream.ProviderName"/>), and the facade.
    /// </summary>
    /// <remarks>
    /// Not for a silo process, which has its own client: use <see cref="AddTDeveloperFacade"/> there.
    /// The options are read when the client starts, so configuration added late (for example by a test host) counts.
    /// Pass <paramref name="configureClustering"/> to find the silos another way than the static gateway list
    /// (for example <c>UseDynamoDBClustering</c> in the AWS mode).
    /// </remarks>
    public static IServiceCollection AddTDeveloperClient(this IServiceCollection services, Action<TDeveloperClientOptions>? configure = null, Action<IClientBuilder>? configureClustering = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TDeveloperClientOptions>();
        if (configure is not null) options.Configure(configure);
        options.PostConfigure(o =>
        {
            if (o.Gateways is { Count: 0 }) o.Gateways.Add(TDeveloperClientOptions.DefaultGateway);
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TDeveloperClientOptions>, TDeveloperClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddOrleansClient(client =>
        {
            if (configureClustering is not null)
            {
                configureClustering(client);
            }
            else
            {
                client.UseStaticClustering(gateways => gateways.Configure<IOptions<TDeveloperClientOptions>>((o, tdev) =>
                    o.Gateways = [.. tdev.Value.Gateways.Select(g => GatewayAddress.Resolve(g).ToGatewayUri())]));
            }

            client.Services.AddOptions<ClusterOptions>().Configure<IOptions<TDeveloperClientOptions>>((o, tdev) =>
            {
                o.ClusterId = tdev.Value.ClusterId;
                o.ServiceId = tdev.Value.ServiceId;
            });
            client.UseConnectionRetryFilter<ClientConnectionRetryFilter>();
            client.AddActivityPropagation(); // the Gateway's calls carry the HTTP request's trace into the silos
            // Unless configureClustering added the session streams already (Kinesis in the AWS mode).
            if (!client.Services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, SessionEventStream.ProviderName) && d.ServiceType == typeof(Orleans.Streams.IStreamProvider))) client.AddMemoryStreams(SessionEventStream.ProviderName);
        });
        return services.AddTDeveloperFacade();
    }

    /// <summary>Adds the external Orleans client and the facade, with options bound from <paramref name="section"/> (usually "TDeveloper:Client").</summary>
    public static IServiceCollection AddTDeveloperClient(this IServiceCollection services, IConfiguration section, Action<IClientBuilder>? configureClustering = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<TDeveloperClientOptions>().Bind(section);
        return services.AddTDeveloperClient(configureClustering: configureClustering);
    }

    /// <summary>Adds only the <see cref="ITDeveloperClient"/> facade, over the <see cref="IClusterClient"/> already registered (a silo's own).</summary>
    /// <remarks>Adding it more than once changes nothing.</remarks>
    public static IServiceCollection AddTDeveloperFacade(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ITDeveloperClient, TDeveloperClient>();
        services.TryAddSingleton(sp => sp.GetRequiredService<ITDeveloperClient>().ForTenant(sp.GetService<IOptions<TDeveloperClientOptions>>()?.Value.Tenant ?? TDeveloperClientOptions.DefaultTenant));
        return services;
    }
}
