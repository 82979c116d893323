using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TDeveloper.Api.Security.Audit;

/// <summary>Registers the durable audit trail.</summary>
public static class AuditTrailServiceCollectionExtensions
{
    /// <summary>Adds <see cref="GrainAuditTrail"/> as the <see cref="IAuditTrail"/>, replacing any registered before (such as the logging fallback).</summary>
    /// <remarks>Needs an <see cref="IClusterClient"/>: a silo's own, or one added by <c>AddTDeveloperClient</c>.</remarks>
    public static IServiceCollection AddTDeveloperAuditTrail(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IAuditTrail>();
        services.TryAddSingleton<LoggingAuditTrail>();
        services.AddSingleton<IAuditTrail, GrainAuditTrail>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
