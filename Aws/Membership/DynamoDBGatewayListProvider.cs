using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace TDeveloper.Aws.Membership;

/// <summary>
/// Tells Orleans clients the gateways of their cluster: the Active silos with a proxy port in the cluster's
/// membership rows written by <see cref="DynamoDBMembershipTable"/>.
/// </summary>
public sealed class DynamoDBGatewayListProvider : IGatewayListProvider, IDisposable
{
    private readonly MembershipStore _store;

    /// <summary>Creates the provider of the configured cluster; nothing is read until <see cref="InitializeGatewayListProviderAsync"/>.</summary>
    /// <param name="options">Where the table is.</param>
    /// <param name="clusterOptions">The service and cluster to connect to.</param>
    /// <param name="gatewayOptions">How often the client refreshes its gateway list.</param>
    public DynamoDBGatewayListProvider(IOptions<DynamoDBClusteringOptions> options, IOptions<ClusterOptions> clusterOptions, IOptions<GatewayOptions> gatewayOptions)
    {
        _store = new MembershipStore(options.Value, clusterOptions.Value);
        MaxStaleness = gatewayOptions.Value.GatewayListRefreshPeriod;
    }

    /// <summary>Gets how old the gateway list may get before the client asks again: <see cref="GatewayOptions.GatewayListRefreshPeriod"/>.</summary>
    public TimeSpan MaxStaleness { get; }

    /// <summary>Gets <see langword="true"/>: the list follows the membership table. (Orleans no longer reads this.)</summary>
    bool IGatewayListProvider.IsUpdatable => true;

    /// <summary>Ensures the table exists (creating it when the options allow).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidOperationException">The table is missing and may not be created, or DynamoDB refused the credentials.</exception>
    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken = default) => _store.EnsureTableAsync(cancellationToken);

    /// <summary>Reads the gateways of the Active silos that accept clients (proxy port above 0).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Their gateway URIs, <c>gwy.tcp://address:proxyPort/generation</c>.</returns>
    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _store.ReadSnapshotAsync(cancellationToken);
        return [.. snapshot.Rows.Values.Select(stored => stored.Row).Where(row => row.Status == SiloStatus.Active && row.ProxyPort > 0).Select(GatewayUri)];
    }

    /// <summary>Releases the DynamoDB client.</summary>
    public void Dispose() => _store.Dispose();

    Task IGatewayListProvider.InitializeGatewayListProvider() => InitializeGatewayListProviderAsync();

    Task<IList<Uri>> IGatewayListProvider.GetGateways() => GetGatewaysAsync();

    private static Uri GatewayUri(SiloRow row)
    {
        var silo = SiloAddress.FromParsableString(row.Silo);
        return SiloAddress.New(new IPEndPoint(silo.Endpoint.Address, row.ProxyPort), silo.Generation).ToGatewayUri();
    }
}
