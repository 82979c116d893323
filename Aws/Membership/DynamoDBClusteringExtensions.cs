// Written by hand because the official Microsoft.Orleans.Clustering.DynamoDB package is not served by our package
// registry. The registration has the same shape as Orleans' own (UseDynamoDBClustering on silo and client builders),
// so moving to the official package later is a change of using and options type.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;

namespace TDeveloper.Aws.Membership;

/// <summary>Registers DynamoDB clustering: the membership table for silos, the gateway list for clients.</summary>
public static class DynamoDBClusteringExtensions
{
    /// <summary>Configures the silo to keep cluster membership in DynamoDB (<see cref="DynamoDBMembershipTable"/>).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the table, endpoint and credentials; the options are validated when the host starts.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static ISiloBuilder UseDynamoDBClustering(this ISiloBuilder builder, Action<DynamoDBClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder.Services, configure);
        builder.Services.AddSingleton<IMembershipTable, DynamoDBMembershipTable>();
        return builder;
    }

    /// <summary>Configures the client to find its cluster's gateways in DynamoDB (<see cref="DynamoDBGatewayListProvider"/>).</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Sets the table, endpoint and credentials; the options are validated when the host starts.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IClientBuilder UseDynamoDBClustering(this IClientBuilder builder, Action<DynamoDBClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder.Services, configure);
        builder.Services.AddSingleton<IGatewayListProvider, DynamoDBGatewayListProvider>();
        return builder;
    }

    private static void AddOptions(IServiceCollection services, Action<DynamoDBClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DynamoDBClusteringOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDBClusteringOptions>, DynamoDBClusteringOptionsValidator>());
    }
}
