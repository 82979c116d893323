using TDeveloper.Aws;
using TDeveloper.Aws.Membership;
using TDeveloper.Client;

namespace TDeveloper.Hosting;

/// <summary>Wires an external T-Developer client (the Gateway's) for <c>TDeveloper:Mode</c>, so the host stays a few lines.</summary>
public static class ClientHostingExtensions
{
    /// <summary>
    /// Adds the external Orleans client and the <see cref="ITDeveloperClient"/> facade, bound from <c>TDeveloper:Client</c>,
    /// and a cluster health check. In the AWS mode the silos are found in the DynamoDB membership table;
    /// otherwise in <c>TDeveloper:Client:Gateways</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>TDeveloper:Mode</c> is unknown; the message names it.</exception>
    public static TBuilder AddTDeveloperClusterClient<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddTDeveloperClient(builder.Configuration.GetSection(TDeveloperClientOptions.SectionName), ClusteringFor(builder.Configuration));
        builder.Services.AddHealthChecks().AddOrleansCluster();
        return builder;
    }

    private static Action<IClientBuilder>? ClusteringFor(IConfiguration configuration)
    {
        if (HostingModes.Read(configuration) != HostingMode.Aws) return null;
        var aws = configuration.GetSection(AwsModeOptions.Section).Get<AwsModeOptions>() ?? new AwsModeOptions();
        return client => client.UseDynamoDBClustering(o => aws.ApplyTo(o).TableName = aws.MembershipTable);
    }
}
