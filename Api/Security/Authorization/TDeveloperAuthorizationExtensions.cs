using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>Wires RBAC into the API: the permission handler, problem-details answers, and the caller carried to the grains.</summary>
public static class TDeveloperAuthorizationExtensions
{
    /// <summary>
    /// Adds authentication and authorization services, the <see cref="PermissionAuthorizationHandler"/> (it needs an
    /// <see cref="Grains.Interfaces.Security.Rbac.IAccessPolicy"/>: <c>AddTDeveloperRbac()</c> of the hosting library, which
    /// the silo and cluster-client wiring call), 403 problem details for denials, and the handler that turns a grain's
    /// <see cref="Grains.Interfaces.Security.Rbac.AccessDeniedException"/> into 403.
    /// </summary>
    public static IServiceCollection AddTDeveloperAuthorization(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAuthentication();
        services.AddAuthorization();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PermissionAuthorizationHandler>());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddExceptionHandler<AccessDeniedExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Adds <see cref="CallerContextMiddleware"/> (the caller for the grains), then authorization. Call it after authentication and
    /// after the exception handler and status code pages, so their problems cover what these refuse.
    /// </summary>
    public static IApplicationBuilder UseTDeveloperAuthorization(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<CallerContextMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
