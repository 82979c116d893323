using TDeveloper.Grains.Models;

namespace TDeveloper.Grains.Agents;

/// <summary>Decides whether a failed model call may succeed if tried again (rate limits, timeouts, unavailable or failing servers).</summary>
public static class ErrorClassifier
{
    /// <summary>Gets whether <paramref name="exception"/> is worth another attempt.</summary>
    public static bool IsRetryable(Exception exception) => ModelErrors.Classify(exception, "", "").IsRetryable;
}
