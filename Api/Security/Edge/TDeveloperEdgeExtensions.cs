using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace TDeveloper.Api.Security;

/// <summary>The API's edge: rate limits, CORS, security headers, the server's body limit and the OpenAPI document's security.</summary>
public static class TDeveloperEdgeExtensions
{
    /// <summary>
    /// Adds the edge's services: <see cref="TDeveloperRateLimiting.AddTDeveloperRateLimiting"/>, CORS from
    /// <see cref="TDeveloperCorsOptions"/>, <see cref="SecurityHeadersOptions"/>, authentication (its schemes are added
    /// by their own extensions), Kestrel without a <c>Server</c> header and with the API's body limit as its default, and
    /// <see cref="TDeveloperOpenApi.AddTDeveloperOpenApiDocument"/>. Every option is validated at start.
    /// </summary>
    public static IServiceCollection AddTDeveloperEdge(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTDeveloperRateLimiting();
        services.AddOptions<TDeveloperCorsOptions>().BindConfiguration(TDeveloperCorsOptions.SectionName).ValidateDataAnnotationsNamingKeys(TDeveloperCorsOptions.SectionName).ValidateOnStart();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<TDeveloperCorsOptions>>((cors, options) => cors.AddDefaultPolicy(options.Value.ToPolicy()));
        services.AddOptions<SecurityHeadersOptions>().BindConfiguration(SecurityHeadersOptions.SectionName).ValidateDataAnnotationsNamingKeys(SecurityHeadersOptions.SectionName).ValidateOnStart();
        services.AddAuthentication();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<TDeveloperApiOptions>>((kestrel, api) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes; // routes with their own limit (/v1, the submit route) override it
        });
        return services.AddTDeveloperOpenApiDocument();
    }

    /// <summary>Adds <see cref="SecurityHeadersMiddleware"/>: the security headers on every response written after it.</summary>
    public static IApplicationBuilder UseTDeveloperSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<SecurityHeadersMiddleware>();
    }
}
