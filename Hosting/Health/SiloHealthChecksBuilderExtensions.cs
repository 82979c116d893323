using TDeveloper.Api;

namespace TDeveloper.Hosting.Health;

/// <summary>Registers the silo's readiness checks beyond the cluster's: grain storage, streams and models.</summary>
public static class SiloHealthChecksBuilderExtensions
{
    /// <summary>Adds <see cref="GrainStorageHealthCheck"/>, <see cref="StreamProviderHealthCheck"/> and <see cref="ModelCatalogHealthCheck"/>, tagged for readiness.</summary>
    public static IHealthChecksBuilder AddSiloDependencies(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string[] ready = [OrleansClusterHealthChecksBuilderExtensions.ReadyTag];
        return builder
            .AddCheck<GrainStorageHealthCheck>(GrainStorageHealthCheck.Name, failureStatus: null, ready, TimeSpan.FromSeconds(5))
            .AddSessionStreams()
            .AddCheck<ModelCatalogHealthCheck>(ModelCatalogHealthCheck.Name, failureStatus: null, ready, TimeSpan.FromSeconds(5));
    }
}
