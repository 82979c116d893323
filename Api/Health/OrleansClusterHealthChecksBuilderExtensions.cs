
namespace TDeveloper.Api;

/// <summary>Registers <see cref="OrleansClusterHealthCheck"/>.</summary>
public static class OrleansClusterHealthChecksBuilderExtensions
{
    /// <summary>The name the check is registered under unless another is given.</summary>
    public const string DefaultName = "orleans-cluster";

    /// <summary>The tag of readiness checks (the same as <c>ServiceDefaultsExtensions.ReadyTag</c>): <c>/ready</c> runs these, <c>/alive</c> none of them.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds a check that asks the cluster's management grain for its active silos.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; defaults to <see cref="DefaultName"/>.</param>
    /// <param name="timeout">How long the cluster may take to answer; defaults to 5 seconds.</param>
    /// <param name="tags">Tags to filter the check by; defaults to <see cref="ReadyTag"/>.</param>
    public static IHealthChecksBuilder AddOrleansCluster(
        this IHealthChecksBuilder builder, string name = DefaultName, TimeSpan? timeout = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<OrleansClusterHealthCheck>(name, failureStatus: null, tags ?? [ReadyTag], timeout ?? TimeSpan.FromSeconds(5));
    }

    /// <summary>Adds <see cref="StreamProviderHealthCheck"/> (tagged <see cref="ReadyTag"/>): the session event stream provider can be resolved.</summary>
    public static IHealthChecksBuilder AddSessionStreams(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<StreamProviderHealthCheck>(StreamProviderHealthCheck.Name, failureStatus: null, [ReadyTag], TimeSpan.FromSeconds(5));
    }
}
