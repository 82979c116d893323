using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Quotas;

/// <summary>The quotas kept by the cluster's <see cref="IModelQuotaGrain"/>s; a model without limits is not even asked.</summary>
/// <remarks>
/// The grain factory is resolved on first use, so the model layer also runs outside a silo (a tool, a test) as long as no
/// catalog model has a quota; one that has gets a clear error there instead of an unenforced limit.
/// </remarks>
public sealed class GrainModelQuotas(IServiceProvider services) : IModelQuotas
{
    private IGrainFactory Grains => services.GetService(typeof(IGrainFactory)) as IGrainFactory
        ?? throw new InvalidOperationException("Model quotas (RequestsPerMinute, TokensPerMinute) are kept by grains and need an Orleans silo or client in the container.");

    /// <inheritdoc/>
    public async ValueTask<ModelQuotaGrant> TryAcquireAsync(ModelCatalogEntry model, long estimatedTokens) =>
        ModelQuotaLimits.Of(model).IsLimited ? await Grains.GetGrain<IModelQuotaGrain>(model.Id).TryAcquireAsync(estimatedTokens) : ModelQuotaGrant.Unlimited;

    /// <inheritdoc/>
    public async ValueTask ReportAsync(ModelCatalogEntry model, ModelQuotaGrant grant, long tokenCorrection)
    {
        if (tokenCorrection != 0 && ModelQuotaLimits.Of(model).IsLimited) await Grains.GetGrain<IModelQuotaGrain>(model.Id).ReportAsync(grant.Window, tokenCorrection);
    }
}
