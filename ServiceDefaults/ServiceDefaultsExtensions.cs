using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TDeveloper.ServiceDefaults;

/// <summary>
/// What every T-Developer host shares: OpenTelemetry logs, metrics and traces (Orleans' and ours),
/// health checks, and resilience for outgoing HTTP.
/// </summary>
/// <remarks>
/// Exporters are chosen by configuration: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
/// the console when <c>TDeveloper:Telemetry:Console</c> is true, and Prometheus text at <c>/metrics</c> always.
/// </remarks>
public static class ServiceDefaultsExtensions
{
    /// <summary>The tag of health checks that tell whether the process is alive (not whether it is ready).</summary>
    public const string LiveTag = "live";

    /// <summary>Adds OpenTelemetry, health checks, HTTP resilience and the management endpoint (<see cref="ManagementOptions"/>) to the host.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddManagementEndpoint();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check) and <c>/alive</c> (liveness only) on every port, outside the rate limits (load
    /// balancers poll them), and <c>/metrics</c> (Prometheus) on the management port only.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health").DisableRateLimiting().AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).DisableRateLimiting().AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireManagementPort().AllowAnonymous();
        return app;
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        var console = builder.Configuration.GetValue<bool>("TDeveloper:Telemetry:Console");
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                metrics.AddMeter([.. TelemetryNames.Meters]);
                metrics.AddPrometheusExporter();
                if (console) metrics.AddConsoleExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsInfrastructurePath(ctx.Request.Path))
                    .AddHttpClientInstrumentation();
                tracing.AddSource([.. TelemetryNames.ActivitySources]);
                if (console) tracing.AddConsoleExporter();
            });

        if (otlp) telemetry.UseOtlpExporter();
    }

    private static bool IsInfrastructurePath(string? path) =>
        path is not null && (path.StartsWith("/health") || path.StartsWith("/alive") || path.StartsWith("/metrics") || path.StartsWith("/dashboard"));
}
