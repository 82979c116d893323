using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace TDeveloper.Api;

/// <summary>Reports whether the Orleans cluster answers: healthy with the number of active silos, otherwise the registration's failure status.</summary>
/// <remarks>Works in a silo and in an external client. Its time limit is the registration's timeout (see <c>AddOrleansCluster</c>).</remarks>
/// <param name="grainFactory">The grain factory of the silo or client.</param>
public sealed class OrleansClusterHealthCheck(IGrainFactory grainFactory) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var hosts = await grainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{hosts.Count} active silo(s).", new Dictionary<string, object> { ["silos"] = hosts.Count });
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The Orleans cluster does not answer.", exception);
        }
    }
}
