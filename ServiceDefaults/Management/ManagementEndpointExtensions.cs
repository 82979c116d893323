using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace TDeveloper.ServiceDefaults;

/// <summary>The management endpoint: operator surfaces (the Dashboard, <c>/metrics</c>) on their own port, off the public API.</summary>
public static class ManagementEndpointExtensions
{
    /// <summary>The Content-Security-Policy of management pages (the Dashboard is a single-page app served from its own origin).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// Adds the management endpoint: <see cref="ManagementOptions"/> (bound from <see cref="ManagementOptions.SectionName"/>,
    /// validated at start), its URLs added to the server's, and the routing policy that hides
    /// <see cref="RequireManagementPort{TBuilder}"/> endpoints on every other port.
    /// </summary>
    public static TBuilder AddManagementEndpoint<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, ManagementAddressesStartupFilter>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ManagementPortMatcherPolicy>());
        return builder;
    }

    /// <summary>
    /// Serves the endpoints only on the management port (404 elsewhere), outside the API's rate limits, with the
    /// management pages' <see cref="ContentSecurityPolicy"/> instead of the API's.
    /// </summary>
    public static TBuilder RequireManagementPort<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(ManagementEndpointMetadata.Instance, new Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute());
        builder.AddEndpointFilter(static (context, next) =>
        {
            context.HttpContext.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });
        return builder;
    }
}
