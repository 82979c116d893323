using System.Diagnostics.Metrics;

namespace TDeveloper.Api.Security;

/// <summary>The API edge's metrics, on the "TDeveloper" meter that every host exports.</summary>
internal static class EdgeTelemetry
{
    private static readonly Meter Meter = new("TDeveloper");

    /// <summary>Gets the count of requests refused by a rate limit (429), tagged with the route's policy and the caller's partition kind.</summary>
    public static Counter<long> RateLimitRejections { get; } =
        Meter.CreateCounter<long>("tdeveloper.api.rate_limit.rejections", "{request}", "Requests refused with 429 by the API's rate limits");
}
