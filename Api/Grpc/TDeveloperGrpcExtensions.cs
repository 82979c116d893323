using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TDeveloper.Api.Grpc;

/// <summary>Registers and maps the <c>tdeveloper.v1</c> gRPC services, gRPC health checks and reflection.</summary>
public static class TDeveloperGrpcExtensions
{
    /// <summary>
    /// Adds gRPC with the permission check (<see cref="GrpcPermissionInterceptor"/>) inside the status mapping
    /// (<see cref="GrpcStatusInterceptor"/>), the gRPC health service fed from the ASP.NET Core health checks, reflection,
    /// <see cref="TDeveloperGrpcOptions"/> (from <c>TDeveloper:Grpc</c>) and its HTTP/2-only Kestrel endpoints.
    /// </summary>
    public static IServiceCollection AddTDeveloperGrpc(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TDeveloperGrpcOptions>().BindConfiguration(TDeveloperGrpcOptions.SectionName)
            .Validate(o => o.MaxReceiveMessageBytes > 0, $"{TDeveloperGrpcOptions.SectionName}:MaxReceiveMessageBytes must be positive.")
            .ValidateOnStart();
        services.AddGrpc(grpc =>
        {
            // No catch-all route for unknown services: it would match every two-segment POST (/v1/sessions) and turn
            // the HTTP API's 415 for a wrong content type into a 404. Unknown services fall through to a 404 (UNIMPLEMENTED).
            grpc.IgnoreUnknownServices = true;
            grpc.Interceptors.Add<GrpcStatusInterceptor>();
            grpc.Interceptors.Add<GrpcPermissionInterceptor>();
        });
        services.AddOptions<global::Grpc.AspNetCore.Server.GrpcServiceOptions>()
            .Configure<IOptions<TDeveloperGrpcOptions>>((grpc, ours) => grpc.MaxReceiveMessageSize = ours.Value.MaxReceiveMessageBytes);
        services.AddGrpcHealthChecks();
        services.AddGrpcReflection();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>, GrpcKestrelEndpoints>());
        return services;
    }

    /// <summary>
    /// Maps the Sessions, Workflows and Workspaces services (authenticated by the API's pipeline, each method's permission
    /// checked), and anonymously the health service (<c>grpc.health.v1.Health</c>) and, unless turned off, reflection.
    /// </summary>
    public static IEndpointRouteBuilder MapTDeveloperGrpc(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<SessionsGrpcService>();
        endpoints.MapGrpcService<WorkflowsGrpcService>();
        endpoints.MapGrpcService<WorkspacesGrpcService>();
        endpoints.MapGrpcHealthChecksService().AllowAnonymous().DisableRateLimiting();
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<TDeveloperGrpcOptions>>().Value.EnableReflection)
            endpoints.MapGrpcReflectionService().AllowAnonymous();
        return endpoints;
    }
}
