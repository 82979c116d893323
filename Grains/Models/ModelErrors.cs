using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models;

/// <summary>Turns whatever a provider's client threw into a <see cref="ModelCallException"/> with a kind that decides what happens next.</summary>
public static class ModelErrors
{
    /// <summary>Classifies <paramref name="exception"/>, thrown by a call to <paramref name="model"/> of <paramref name="provider"/>.</summary>
    public static ModelCallException Classify(Exception exception, string provider, string model) => exception switch
    {
        ModelCallException known => known,
        TimeoutException or OperationCanceledException => new(ModelErrorKind.Timeout, provider, model, "the call timed out; it is retried.", exception),
        IOException => new(ModelErrorKind.Unavailable, provider, model, $"the connection failed ({exception.Message}); it is retried.", exception),
        HttpRequestException { StatusCode: null } => new(ModelErrorKind.Unavailable, provider, model, $"the endpoint could not be reached ({exception.Message}); check its URL.", exception),
        HttpRequestException http => FromStatus((int)http.StatusCode!.Value, provider, model, exception),
        // SDK errors (OpenAI's ClientResultException, Anthropic's and OllamaSharp's) expose the HTTP status as "Status" or "StatusCode".
        // Status 0 means no HTTP answer (the OpenAI SDK's ClientResultException of a failed connection): the inner error says why.
        _ when StatusOf(exception) is int status and > 0 => FromStatus(status, provider, model, exception),
        _ when exception.InnerException is { } inner => Classify(inner, provider, model) is { Kind: not ModelErrorKind.Unknown } classified
            ? new(classified.Kind, provider, model, classified.Message, exception, classified.RetryAfter)
            : new(ModelErrorKind.Unknown, provider, model, exception.Message, exception),
        _ => new(ModelErrorKind.Unknown, provider, model, exception.Message, exception),
    };

    /// <summary>Gets whether <paramref name="exception"/>, thrown by a model call, is worth another attempt (rate limits, timeouts, unavailable or failing servers).</summary>
    public static bool IsRetryable(Exception exception) => Classify(exception, "", "").IsRetryable;

    /// <summary>Creates the exception for an HTTP error status, with advice that fits it.</summary>
    public static ModelCallException FromStatus(int status, string provider, string model, Exception? inner = null, string? detail = null, TimeSpan? retryAfter = null)
    {
        var kind = ModelCallException.KindOfStatus(status);
        var what = detail ?? inner?.Message ?? $"HTTP {status}";
        return new ModelCallException(kind, provider, model, $"{what} — {Advice(kind)}", inner, retryAfter);
    }

    /// <summary>Gets what a user should do about a failure of <paramref name="kind"/>.</summary>
    public static string Advice(ModelErrorKind kind) => kind switch
    {
        ModelErrorKind.RateLimited => "the provider is throttling; the call is retried after a pause or on the next model of the chain.",
        ModelErrorKind.Timeout => "the call timed out; it is retried.",
        ModelErrorKind.Unavailable => "the provider or model is unavailable; it is retried or the next model of the chain is used.",
        ModelErrorKind.Internal => "the provider failed internally; it is retried.",
        ModelErrorKind.InvalidRequest => "the provider rejected the request; check the model's catalog entry (capabilities, context window) and the input.",
        ModelErrorKind.AccessDenied => "the credentials may not use this model; check the API key or IAM policy, and request model access in the provider's console.",
        ModelErrorKind.QuotaExceeded => "an account quota is exhausted; raise it with the provider or put another model in the chain.",
        ModelErrorKind.NotFound => "the provider does not know this model id; fix ProviderModelId in the catalog.",
        ModelErrorKind.MalformedResponse => "the answer could not be read; it is retried.",
        _ => "see the inner error.",
    };

    /// <summary>
    /// Gets how long a provider asked to wait, from <c>retry-after-ms</c> (OpenAI, Anthropic) or <c>Retry-After</c> in seconds
    /// or as an HTTP date (measured from <paramref name="now"/>); null when the response says nothing.
    /// </summary>
    public static TimeSpan? RetryAfterOf(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValues("retry-after-ms", out var millis)
            && double.TryParse(millis.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }

    private static int? StatusOf(Exception exception)
    {
        foreach (var name in (string[])["Status", "StatusCode"])
        {
            switch (exception.GetType().GetProperty(name)?.GetValue(exception))
            {
                case int status: return status;
                case HttpStatusCode code: return (int)code;
            }
        }

        return null;
    }
}
