using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Quotas;

/// <summary>The quotas of the catalog's models, as the invoker sees them (the cluster's quota grains, or a fake in tests).</summary>
public interface IModelQuotas
{
    /// <summary>Asks <paramref name="model"/>'s quota for room for a call of about <paramref name="estimatedTokens"/> tokens.</summary>
    ValueTask<ModelQuotaGrant> TryAcquireAsync(ModelCatalogEntry model, long estimatedTokens);

    /// <summary>Tells <paramref name="model"/>'s quota how many tokens the call of <paramref name="grant"/> used beyond (or below) its estimate.</summary>
    ValueTask ReportAsync(ModelCatalogEntry model, ModelQuotaGrant grant, long tokenCorrection);
}
