namespace TDeveloper.Client;

/// <summary>
/// The command would pass a limit: the session's request queue is full, the tenant or the cluster has its maximum of open
/// sessions, or (remote) a rate limit was reached; nothing changed. HTTP 429, <see cref="Grains.Interfaces.CommandOutcome.LimitReached"/>.
/// </summary>
public class TDeveloperLimitReachedException : TDeveloperException
{
    /// <summary>Creates the exception.</summary>
    public TDeveloperLimitReachedException()
        : this("A limit was reached.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TDeveloperLimitReachedException(string message)
        : this(message, retryAfter: null)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TDeveloperLimitReachedException(string message, Exception innerException)
        : base(message, 429, innerException)
    {
    }

    /// <summary>Creates the exception with a message and how long to wait before trying again.</summary>
    public TDeveloperLimitReachedException(string message, TimeSpan? retryAfter)
        : base(message, 429)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>Gets how long to wait before trying again (the API's <c>Retry-After</c>); <see langword="null"/> when the refusal named no time (embedded refusals never do).</summary>
    public TimeSpan? RetryAfter { get; }
}
