using Grpc.Core;

namespace TDeveloper.Api.Grpc;

/// <summary>
/// Answers a gRPC call refused before it reached its service (by the authorization or the rate-limiting middleware) the
/// way gRPC clients read best: a "trailers-only" response (HTTP 200, <c>grpc-status</c> and <c>grpc-message</c> in the
/// headers) instead of an HTTP error status, which clients would only guess a code from (429 would read as UNAVAILABLE).
/// </summary>
public static class GrpcTrailersOnly
{
    /// <summary>Gets whether <paramref name="context"/> is a gRPC call (its content type is <c>application/grpc</c> or a subtype).</summary>
    public static bool IsGrpc(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
    }

    /// <summary>Writes <paramref name="code"/> and <paramref name="message"/> as the whole response.</summary>
    public static async Task WriteAsync(HttpContext context, StatusCode code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        await context.Response.CompleteAsync();
    }
}
