using TDeveloper.Aws;
using TDeveloper.Api;
using TDeveloper.Client;
using TDeveloper.Hosting.Providers;
using TDeveloper.Hosting.Security;
using TDeveloper.Hosting.Streams;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Hosting;

/// <summary>Wires an external T-Developer client (the Gateway's) for <c>TDeveloper:Mode</c>, so the host stays a few lines.</summary>
public static class ClientHostingExtensions
{
    /// <summary>
    /// Adds the external Orleans client and the <see cref="ITDeveloperClient"/> facade, bound from <c>TDeveloper:Client</c>,
    /// and a cluster health check. With the <c>DynamoDB</c> clustering provider (<c>TDeveloper:Providers:Clustering</c>, the AWS mode's
    /// default) the silos are found in the membership table; with <c>Localhost</c> in <c>TDeveloper:Client:Gateways</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>TDeveloper:Mode</c> or the clustering provider is unknown; the message names the key.</exception>
    public static TBuilder AddTDeveloperClusterClient<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddTDeveloperClient(builder.Configuration.GetSection(TDeveloperClientOptions.SectionName), ClusteringFor(builder.Configuration));
        builder.Services.AddTDeveloperRbac();
        builder.Services.AddHealthChecks().AddOrleansCluster();
        builder.Services.AddHealthChecks().AddSessionStreams();
        return builder;
    }

    private static Action<IClientBuilder>? ClusteringFor(IConfiguration configuration)
    {
        var providers = configuration.GetSection(ProviderOptions.Section).Get<ProviderOptions>() ?? new ProviderOptions();
        var name = providers.NameOf(ProviderKinds.Clustering, HostingModes.Read(configuration));
        if (string.Equals(name, ProviderNames.Localhost, StringComparison.OrdinalIgnoreCase)) return null;
        if (!string.Equals(name, ProviderNames.DynamoDB, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{ProviderOptions.Section}:{ProviderKinds.Clustering}: '{name}' is unknown to clients; use Localhost or DynamoDB.");
        }

        configuration.GetValidated(AwsModeOptions.Section, new AwsModeOptionsValidator());
        var section = configuration.GetSection(AwsModeOptions.Section);
        var kinesis = HostingModes.Read(configuration) == HostingMode.Aws;
        return client =>
        {
            new DynamoDBClusteringProviderBuilder().Configure(client, null, section);
            if (kinesis) client.AddKinesisSessionStreams(configuration);
        };
    }
}
