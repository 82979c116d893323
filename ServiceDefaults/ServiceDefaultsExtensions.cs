using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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

    /// <summary>The tag of health checks of the dependencies a ready process needs (cluster, storage, streams, models); <c>/ready</c> runs only these.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Histogram bucket boundaries, in seconds, for T-Developer's durations: from 5 ms to 10 minutes, so p50 and p99 of calls and tasks can be read.</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 120, 300, 600];

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
    /// Maps <c>/health</c> (every check), <c>/ready</c> (the dependencies, <see cref="ReadyTag"/>) and <c>/alive</c> (liveness
    /// only, <see cref="LiveTag"/>) on every port, outside the rate limits (load balancers poll them), each answering JSON
    /// (<see cref="HealthResponseWriter"/>; 503 unless healthy or degraded), and <c>/metrics</c> (Prometheus) on the management port only.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync }).DisableRateLimiting().AllowAnonymous();
        app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync }).DisableRateLimiting().AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag), ResponseWriter = HealthResponseWriter.WriteAsync }).DisableRateLimiting().AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireManagementPort().AllowAnonymous();
        return app;
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = ReadTelemetryOptions(builder.Configuration);
        var console = settings.Console;
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Every log record (console included, not only OpenTelemetry's) carries the trace and span of the work it is about.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

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
                metrics.AddView(instrument => instrument.Meter.Name == TelemetryNames.TDeveloper && instrument.Unit == "s" && instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal)
                    ? new ExplicitBucketHistogramConfiguration { Boundaries = [.. DurationBuckets] }
                    : null);
                metrics.AddPrometheusExporter();
                if (console) metrics.AddConsoleExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsInfrastructurePath(ctx.Request.Path))
                    .AddHttpClientInstrumentation();
                tracing.AddSource([.. TelemetryNames.ActivitySources]);
                tracing.SetSampler(settings.CreateSampler(builder.Configuration["TDeveloper:Mode"]));
                if (console) tracing.AddConsoleExporter();
            });

        if (otlp) telemetry.UseOtlpExporter();
    }

    /// <summary>Reads and validates <see cref="TelemetryOptions"/> (needed while the host is built, before options validation runs).</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names the key.</exception>
    public static TelemetryOptions ReadTelemetryOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage ?? "").ToList();
        if (errors.Count > 0) throw new OptionsValidationException(TelemetryOptions.SectionName, typeof(TelemetryOptions), errors);
        return options;
    }

    private static bool IsInfrastructurePath(string? path) =>
        path is not null && (path.StartsWith("/health") || path.StartsWith("/alive") || path.StartsWith("/ready") || path.StartsWith("/metrics") || path.StartsWith("/dashboard"));
}
