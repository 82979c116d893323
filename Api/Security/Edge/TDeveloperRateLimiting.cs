using TDeveloper.Grains.Interfaces.Configuration;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace TDeveloper.Api.Security;

/// <summary>
/// The API's rate limits on ASP.NET Core's rate limiter: a global limiter that chains the caller's limit with the API
/// key's, the <see cref="TDeveloperRateLimits.Sensitive"/> policy per client IP, and 429 problem details with
/// <c>Retry-After</c>. Counted per API process.
/// </summary>
public static partial class TDeveloperRateLimiting
{
    /// <summary>
    /// Adds the rate limiter: <see cref="TDeveloperRateLimitOptions"/> (bound from
    /// <see cref="TDeveloperRateLimitOptions.SectionName"/>, validated at start) and the limiter built from them.
    /// </summary>
    /// <remarks>The pipeline needs <c>UseRateLimiter()</c> after <c>UseAuthentication()</c>, since callers are told apart by their principal.</remarks>
    public static IServiceCollection AddTDeveloperRateLimiting(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TDeveloperRateLimitOptions>().BindConfiguration(TDeveloperRateLimitOptions.SectionName).ValidateDataAnnotationsNamingKeys(TDeveloperRateLimitOptions.SectionName).ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<TDeveloperRateLimitOptions>>((limiter, limits) => Configure(limiter, limits.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions limiter, TDeveloperRateLimitOptions limits)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        // The API key's limit comes first: the middleware tries a refused request twice (at once, then waiting), and a
        // chain takes a permit from each limiter before the one that refuses, so a key's refusal must not spend its
        // caller's default budget (and its Retry-After is then the key's own).
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartitions.ApiKey(context) is { } key
                ? FixedWindow(key, limits.ApiKey)
                : RateLimitPartition.GetNoLimiter("")),
            PartitionedRateLimiter.Create<HttpContext, string>(context => FixedWindow(RateLimitPartitions.Caller(context), limits.Default)));
        limiter.AddPolicy(TDeveloperRateLimits.Sensitive, context => FixedWindow(RateLimitPartitions.ClientIp(context), limits.Sensitive));
        limiter.OnRejected = OnRejectedAsync;
    }

    private static RateLimitPartition<string> FixedWindow(string key, RateLimitWindow window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = window.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "default";
        var partition = RateLimitPartitions.ApiKey(context) is not null ? "apikey" : RateLimitPartitions.Caller(context).Split(':')[0];
        EdgeTelemetry.RateLimitRejections.Add(1, new("policy", policy), new("partition", partition));
        LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TDeveloperRateLimiting)), policy, partition, context.Request.Method, context.Request.Path, seconds);

        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (Grpc.GrpcTrailersOnly.IsGrpc(context))
        {
            await Grpc.GrpcTrailersOnly.WriteAsync(context, global::Grpc.Core.StatusCode.ResourceExhausted, $"Too many requests; retry after {seconds} seconds.");
            return;
        }

        await TypedResults.Problem(
                $"Too many requests; retry after {seconds} seconds.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds })
            .ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit ({Policy}, per {Partition}) refused {Method} {Path}; retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string policy, string partition, string method, string path, int seconds);
}
