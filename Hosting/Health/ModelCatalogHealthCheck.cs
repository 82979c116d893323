using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Routing;

namespace TDeveloper.Hosting.Health;

/// <summary>
/// Reports whether at least one model of the catalog (<c>TDeveloper:Models:Catalog</c>; the offline model when it is empty)
/// can take calls: its circuit is not open (<see cref="ModelHealth"/>) and its client can be built. Sends no request to a provider.
/// </summary>
public sealed class ModelCatalogHealthCheck(IOptions<ModelCatalogOptions> catalog, ModelHealth health, IModelClients clients) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "models";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var healthy = new List<string>();
        var problems = new List<string>();
        foreach (var entry in catalog.Value.EffectiveCatalog)
        {
            if (!health.IsAvailable(entry.Id))
            {
                problems.Add($"{entry.Id}: circuit open");
                continue;
            }

            try
            {
                clients.Get(entry.Id);
                healthy.Add(entry.Id);
            }
            catch (Exception exception)
            {
                problems.Add($"{entry.Id}: client not built ({exception.GetType().Name})");
            }
        }

        var data = new Dictionary<string, object> { ["healthy"] = string.Join(",", healthy), ["unhealthy"] = string.Join("; ", problems) };
        return Task.FromResult(healthy.Count > 0
            ? HealthCheckResult.Healthy($"{healthy.Count} of {healthy.Count + problems.Count} model(s) can take calls.", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"No model can take calls ({string.Join("; ", problems)}).", data: data));
    }
}
