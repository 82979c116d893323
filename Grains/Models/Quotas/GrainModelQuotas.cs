using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Quotas;

/// <summary>The quotas kept by the cluster's <see cref="IModelQuotaGrain"/>s; a model without limits is not even asked.</summary>
public sealed class GrainModelQuotas(IGrainFactory grains) : IModelQuotas
{
    /// <inheritdoc/>
    public async ValueTask<ModelQuotaGrant> TryAcquireAsync(ModelCatalogEntry model, long estimatedTokens) =>
        ModelQuotaLimits.Of(model).IsLimited ? await grains.GetGrain<IModelQuotaGrain>(model.Id).TryAcquireAsync(estimatedTokens) : ModelQuotaGrant.Unlimited;

    /// <inheritdoc/>
    public async ValueTask ReportAsync(ModelCatalogEntry model, ModelQuotaGrant grant, long tokenCorrection)
    {
        if (tokenCorrection != 0 && ModelQuotaLimits.Of(model).IsLimited) await grains.GetGrain<IModelQuotaGrain>(model.Id).ReportAsync(grant.Window, tokenCorrection);
    }
}
