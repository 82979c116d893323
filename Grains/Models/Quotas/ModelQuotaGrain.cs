using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Quotas;

/// <summary>
/// The cluster's one counter of a model's quota (<see cref="IModelQuotaGrain"/>). Not reentrant: each acquisition is a
/// turn of its own, so two silos can never both take the last slot. The window lives in memory: a window spans a
/// minute and an idle grain is collected long after its window ended, so only a silo crash mid-window loses counts
/// (that window then starts again from zero, which may let through up to one extra window's worth).
/// </summary>
public sealed class ModelQuotaGrain(IOptions<ModelCatalogOptions> catalog, IOptions<ModelQuotaOptions> options, TimeProvider time) : Grain, IModelQuotaGrain
{
    private QuotaWindow? _window;

    /// <inheritdoc/>
    public Task<ModelQuotaGrant> TryAcquireAsync(long estimatedTokens) =>
        Task.FromResult(Window() is { } window ? window.TryAcquire(estimatedTokens, time.GetUtcNow()) : ModelQuotaGrant.Unlimited);

    /// <inheritdoc/>
    public Task ReportAsync(DateTimeOffset window, long tokenCorrection)
    {
        Window()?.Correct(window, tokenCorrection, time.GetUtcNow());
        return Task.CompletedTask;
    }

    private QuotaWindow? Window()
    {
        if (_window is not null) return _window;
        var limits = catalog.Value.Find(this.GetPrimaryKeyString()) is { } entry ? ModelQuotaLimits.Of(entry) : default;
        return _window = limits.IsLimited ? new QuotaWindow(limits, options.Value) : null;
    }
}
