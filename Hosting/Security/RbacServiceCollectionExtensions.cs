using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TDeveloper.Api.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Security.Rbac;

namespace TDeveloper.Hosting.Security;

/// <summary>Registers RBAC: the policy every host decides with, and on silos the grain call filter that guards every grain entry point.</summary>
public static class RbacServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RbacOptions"/> (section <c>TDeveloper:Security:Rbac</c>, its roles validated at start with every
    /// problem reported at once), and the <see cref="IAccessPolicy"/> that caches each tenant's policy; for a silo or a gateway.
    /// </summary>
    public static IServiceCollection AddTDeveloperRbac(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RbacOptions>().BindConfiguration(RbacOptions.Section).ValidateDataAnnotationsNamingKeys(RbacOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RbacOptions>, RbacOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAccessPolicy, TenantPolicyCache>();
        services.TryAddSingleton<IAuditTrail, LoggingAuditTrail>();
        return services;
    }

    /// <summary>Adds <see cref="AddTDeveloperRbac"/> and the <see cref="GrainAccessFilter"/> to a silo.</summary>
    public static ISiloBuilder AddTDeveloperAccessControl(this ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        siloBuilder.Services.AddTDeveloperRbac();
        siloBuilder.AddIncomingGrainCallFilter<GrainAccessFilter>();
        return siloBuilder;
    }
}
