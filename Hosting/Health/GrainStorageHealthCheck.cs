using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;
using TDeveloper.Grains;

namespace TDeveloper.Hosting.Health;

/// <summary>
/// Reports whether the grain state store (<see cref="StorageNames.State"/>: memory, files, or DynamoDB in the AWS mode) answers:
/// it reads the state of a probe grain that is never written (one cheap read: a file lookup, a DynamoDB <c>GetItem</c>).
/// </summary>
/// <param name="services">The silo's services, which hold the store keyed by its name.</param>
public sealed class GrainStorageHealthCheck(IServiceProvider services) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "grain-storage";

    private static readonly GrainId Probe = GrainId.Create("tdeveloper-health", "probe");

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);
            var state = new GrainState<HealthProbeState>();
            await storage.ReadStateAsync("health", Probe, state).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"The grain state store '{StorageNames.State}' answers ({storage.GetType().Name}).",
                new Dictionary<string, object> { ["store"] = StorageNames.State, ["type"] = storage.GetType().Name });
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The grain state store '{StorageNames.State}' does not answer.", exception);
        }
    }
}

/// <summary>The state type of the storage probe; never written.</summary>
[GenerateSerializer, Alias("TDeveloper.HealthProbeState")]
public sealed class HealthProbeState
{
    /// <summary>Gets or sets nothing of use: the probe only reads.</summary>
    [Id(0)] public string? Value { get; set; }
}
