namespace TDeveloper.Grains.Models.Quotas;

/// <summary>A model's per-minute limits; 0 means unlimited.</summary>
/// <param name="RequestsPerMinute">The requests allowed per minute.</param>
/// <param name="TokensPerMinute">The tokens (in and out) allowed per minute.</param>
public readonly record struct ModelQuotaLimits(int RequestsPerMinute, long TokensPerMinute)
{
    /// <summary>Gets whether there is any limit.</summary>
    public bool IsLimited => RequestsPerMinute > 0 || TokensPerMinute > 0;

    /// <summary>Gets the limits of a catalog entry.</summary>
    public static ModelQuotaLimits Of(ModelCatalogEntry entry) => new(entry.RequestsPerMinute, entry.TokensPerMinute);
}
