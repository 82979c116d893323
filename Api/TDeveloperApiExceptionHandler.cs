using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace TDeveloper.Api;

/// <summary>
/// Turns the failures a caller can cause or wait out into problem details: bad requests keep their 4xx status
/// (malformed JSON, wrong types, missing body, unsupported content type, body too large), and an unreachable
/// cluster becomes 503 with Retry-After. Everything else is left to the default handler (500).
/// </summary>
internal sealed partial class TDeveloperApiExceptionHandler(ILogger<TDeveloperApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>How long a caller is asked to wait before trying again when the cluster is unavailable, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemHttpResult problem;
        if (exception is BadHttpRequestException bad)
        {
            var detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            problem = TypedResults.Problem(detail, statusCode: bad.StatusCode);
        }
        else if (exception is OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException)
        {
            LogClusterUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            problem = TypedResults.Problem("The T-Developer cluster is unavailable; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        else
        {
            return false;
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster did not answer {Method} {Path}; answered 503")]
    private static partial void LogClusterUnavailable(ILogger logger, Exception exception, string method, string path);
}
