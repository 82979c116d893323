namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>
/// A model call failed. <see cref="Kind"/> says why and <see cref="IsRetryable"/> whether another attempt (on this model
/// or the next of its chain) may succeed; the message says what to do about it.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.ModelCallException")]
public sealed class ModelCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelCallException(ModelErrorKind kind, string provider, string model, string message, Exception? innerException = null, TimeSpan? retryAfter = null)
        : base($"{provider} model '{model}': {message}", innerException)
    {
        Kind = kind;
        Provider = provider;
        Model = model;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets why the call failed.</summary>
    [Id(0)] public ModelErrorKind Kind { get; }

    /// <summary>Gets the provider (bedrock, openai, anthropic, ollama, offline).</summary>
    [Id(1)] public string Provider { get; }

    /// <summary>Gets the model id the call was made with.</summary>
    [Id(2)] public string Model { get; }

    /// <summary>Gets how long the provider asked to wait before the next call, if it said.</summary>
    [Id(3)] public TimeSpan? RetryAfter { get; }

    /// <summary>Gets whether the failure is one that is retried: rate limit, timeout, unavailable, internal error or an unreadable answer.</summary>
    public bool IsRetryable => IsRetryableKind(Kind);

    /// <summary>Gets whether failures of <paramref name="kind"/> are retried.</summary>
    public static bool IsRetryableKind(ModelErrorKind kind) =>
        kind is ModelErrorKind.RateLimited or ModelErrorKind.Timeout or ModelErrorKind.Unavailable or ModelErrorKind.Internal or ModelErrorKind.MalformedResponse;

    /// <summary>Gets the kind an HTTP status maps to.</summary>
    public static ModelErrorKind KindOfStatus(int status) => status switch
    {
        429 => ModelErrorKind.RateLimited,
        408 or 504 => ModelErrorKind.Timeout,
        502 or 503 => ModelErrorKind.Unavailable,
        >= 500 => ModelErrorKind.Internal,
        401 or 403 => ModelErrorKind.AccessDenied,
        404 => ModelErrorKind.NotFound,
        400 or 413 or 422 => ModelErrorKind.InvalidRequest,
        _ => ModelErrorKind.Unknown,
    };
}
