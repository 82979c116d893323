using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TDeveloper.Grains.Security.Audit;

/// <summary>Registers what the audit log grains need.</summary>
public static class AuditLogServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="AuditLogOptions"/> (section <see cref="AuditLogOptions.Section"/>), validated at start.</summary>
    public static IServiceCollection AddTDeveloperAuditLog(this IServiceCollection services)
    {
        services.AddOptions<AuditLogOptions>().BindConfiguration(AuditLogOptions.Section).ValidateDataAnnotationsNamingKeys(AuditLogOptions.Section).ValidateOnStart();
        return services;
    }
}
