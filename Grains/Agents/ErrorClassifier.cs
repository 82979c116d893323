using System.Net;

namespace TDeveloper.Grains.Agents;

/// <summary>Decides whether a failed model call may succeed if tried again (rate limits, timeouts, unavailable or failing servers).</summary>
public static class ErrorClassifier
{
    /// <summary>Gets whether <paramref name="exception"/> is worth another attempt.</summary>
    public static bool IsRetryable(Exception exception) => exception switch
    {
        TimeoutException or OperationCanceledException or IOException => true,
        HttpRequestException http => http.StatusCode is null || IsRetryableStatus((int)http.StatusCode),
        // SDK errors (OpenAI's ClientResultException and others) expose the HTTP status as "Status".
        _ when exception.GetType().GetProperty("Status")?.GetValue(exception) is int status => IsRetryableStatus(status),
        _ => exception.InnerException is { } inner && IsRetryable(inner),
    };

    private static bool IsRetryableStatus(int status) =>
        status is (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout || status >= 500;
}
