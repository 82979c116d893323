using Microsoft.Extensions.Diagnostics.HealthChecks;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Api;

/// <summary>Reports whether the session event stream provider (<see cref="SessionEventStream.ProviderName"/>) can be resolved: memory streams, or Kinesis in the AWS mode.</summary>
/// <remarks>Works in a silo and in an external client. It does not describe the Kinesis stream itself: the provider's pulling agents report that in their logs and metrics.</remarks>
/// <param name="client">The cluster client of the silo or of the Gateway.</param>
public sealed class StreamProviderHealthCheck(IClusterClient client) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "streams";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var provider = client.GetStreamProvider(SessionEventStream.ProviderName);
            return Task.FromResult(HealthCheckResult.Healthy(
                $"The stream provider '{SessionEventStream.ProviderName}' is resolved ({provider.GetType().Name}).",
                new Dictionary<string, object> { ["provider"] = SessionEventStream.ProviderName, ["type"] = provider.GetType().Name }));
        }
        catch (Exception exception)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"The stream provider '{SessionEventStream.ProviderName}' cannot be resolved.", exception));
        }
    }
}
