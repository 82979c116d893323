using System.Text.Json.Serialization;
using TDeveloper.Api.Grpc;
using TDeveloper.Api.Security;
using TDeveloper.Api.Security.Audit;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Api.Security.Signing;

namespace TDeveloper.Api;

/// <summary>Registers and wires the T-Developer HTTP API into a host (the Gateway, or a silo that hosts the API).</summary>
public static class TDeveloperApiExtensions
{
    /// <summary>
    /// Adds what <see cref="TDeveloperApi.MapTDeveloperApi"/> needs: <see cref="TDeveloperApiOptions"/> (bound from
    /// "TDeveloper:Api"), problem details, the exception handler, endpoint validation, OpenAPI, JSON with enums as
    /// strings, bad requests thrown so they become problems, and the <see cref="ITDeveloperClient"/> facade if missing.
    /// </summary>
    /// <remarks>The facade needs an <see cref="IClusterClient"/>: a silo's own, or one added by <c>AddTDeveloperClient</c>.</remarks>
    public static IServiceCollection AddTDeveloperApi(this IServiceCollection services, Action<TDeveloperApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TDeveloperApiOptions>().BindConfiguration(TDeveloperApiOptions.SectionName);
        if (configure is not null) options.Configure(configure);
        options.Validate(o => o.MaxRequestBodyBytes > 0, $"{TDeveloperApiOptions.SectionName}:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.MaxSubmitRequestBodyBytes > 0, $"{TDeveloperApiOptions.SectionName}:MaxSubmitRequestBodyBytes must be positive.")
            .Validate(o => o.MaxSubmitRequestBodyBytes >= o.MaxRequestBodyBytes, $"{TDeveloperApiOptions.SectionName}:MaxSubmitRequestBodyBytes must be at least MaxRequestBodyBytes.")
            .ValidateOnStart();

        services.AddTDeveloperAuditTrail();
        services.AddTDeveloperIdentity();
        services.AddTDeveloperSignedRequests();
        services.AddProblemDetails();
        services.AddExceptionHandler<TDeveloperApiExceptionHandler>();
        services.AddTDeveloperAuthorization();
        services.AddValidation();
        services.AddOpenApi();
        services.AddTDeveloperEdge();
        services.AddTDeveloperGrpc();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        return services.AddTDeveloperFacade();
    }

    /// <summary>
    /// Adds the middleware the API relies on: the exception handler (problem details for every failure), status code
    /// pages (problem details for bare 4xx/5xx such as 404 and 405), and the request body limit (413 before reading).
    /// </summary>
    /// <remarks>Call it early, before <see cref="TDeveloperApi.MapTDeveloperApi"/> and any middleware whose failures should become problems.</remarks>
    public static IApplicationBuilder UseTDeveloperApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseTDeveloperSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseTDeveloperIdentity();
        app.UseTDeveloperAuthorization();
        return app;
    }
}
