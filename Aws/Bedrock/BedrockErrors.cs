using System.Net.Http.Headers;
using System.Text.Json;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Bedrock;

/// <summary>
/// Turns Bedrock's errors (an HTTP status with <c>x-amzn-ErrorType</c> and a JSON <c>message</c>, or an exception frame of
/// a stream) into <see cref="ModelCallException"/>s whose kind decides what happens next and whose message says what to do.
/// </summary>
internal static class BedrockErrors
{
    /// <summary>The provider name errors carry.</summary>
    public const string Provider = "bedrock";

    /// <summary>Gets the kind of a Bedrock error type (<c>ThrottlingException</c>, <c>throttlingException</c>, <c>…#ThrottlingException</c>), else of the HTTP status.</summary>
    public static ModelErrorKind KindOf(string? errorType, int? status) => ShortName(errorType).ToLowerInvariant() switch
    {
        "throttlingexception" or "toomanyrequestsexception" => ModelErrorKind.RateLimited,
        "validationexception" or "serializationexception" => ModelErrorKind.InvalidRequest,
        "modelnotreadyexception" or "serviceunavailableexception" => ModelErrorKind.Unavailable,
        "accessdeniedexception" or "unrecognizedclientexception" or "invalidsignatureexception" or "expiredtokenexception" or "missingauthenticationtokenexception" => ModelErrorKind.AccessDenied,
        "servicequotaexceededexception" => ModelErrorKind.QuotaExceeded,
        "resourcenotfoundexception" => ModelErrorKind.NotFound,
        "internalserverexception" or "modelerrorexception" or "modelstreamerrorexception" => ModelErrorKind.Internal,
        "modeltimeoutexception" => ModelErrorKind.Timeout,
        _ => status is int code ? ModelCallException.KindOfStatus(code) : ModelErrorKind.Unknown,
    };

    /// <summary>Gets what to do about a Bedrock failure of <paramref name="kind"/>.</summary>
    public static string Advice(ModelErrorKind kind) => kind switch
    {
        ModelErrorKind.RateLimited => "Bedrock is throttling calls to this model; the call is retried after a pause or on the next model of the chain. If it persists, raise the on-demand quota or use a cross-region inference profile.",
        ModelErrorKind.Timeout => "the model took too long; the call is retried.",
        ModelErrorKind.Unavailable => "the model is not ready or Bedrock is unavailable; the call is retried or the next model of the chain is used.",
        ModelErrorKind.Internal => "Bedrock or the model failed internally; the call is retried.",
        ModelErrorKind.InvalidRequest => "Bedrock rejected the request; check the catalog entry (model id, capabilities, context window) and the input (an image or document format, a tool schema the model does not take).",
        ModelErrorKind.AccessDenied => "the AWS credentials may not call this model; grant bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream to the IAM identity and enable the model under Model access in the Bedrock console of this region.",
        ModelErrorKind.QuotaExceeded => "a Bedrock service quota is exhausted; request an increase in Service Quotas or put another model in the chain.",
        ModelErrorKind.NotFound => "Bedrock does not know this model id in this region; fix ProviderModelId or Region in the catalog (some models are reached only through an inference profile id such as us.anthropic.…).",
        ModelErrorKind.MalformedResponse => "the answer could not be read; the call is retried.",
        _ => "see the inner error.",
    };

    /// <summary>Creates the exception for a Bedrock error of <paramref name="errorType"/>.</summary>
    public static ModelCallException Create(string model, string? errorType, string? message, int? status = null, TimeSpan? retryAfter = null, Exception? inner = null)
    {
        var kind = KindOf(errorType, status);
        var name = ShortName(errorType);
        var what = (name.Length > 0, string.IsNullOrWhiteSpace(message)) switch
        {
            (true, false) => $"{name}: {message}",
            (true, true) => name,
            (false, false) => message!,
            _ => status is int code ? $"HTTP {code}" : "an error without a message",
        };
        return new ModelCallException(kind, Provider, model, $"{what} — {Advice(kind)}", inner, retryAfter);
    }

    /// <summary>Creates the exception for an answer that could not be read (a corrupted or truncated frame, invalid JSON).</summary>
    public static ModelCallException Malformed(string model, string detail, Exception? inner = null) =>
        new(ModelErrorKind.MalformedResponse, Provider, model, $"{detail} — {Advice(ModelErrorKind.MalformedResponse)}", inner);

    /// <summary>Reads the error of a failed HTTP response: its type from <c>x-amzn-ErrorType</c> or the body's <c>__type</c>, its message from the body.</summary>
    public static async Task<ModelCallException> FromResponseAsync(HttpResponseMessage response, string model, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        string? message = null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                message = StringProperty(json.RootElement, "message") ?? StringProperty(json.RootElement, "Message");
                errorType ??= StringProperty(json.RootElement, "__type");
            }
        }
        catch (JsonException)
        {
            message = body.Length > 500 ? body[..500] : body;
        }

        return Create(model, errorType, message, status, RetryAfterOf(response.Headers.RetryAfter));
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter) => retryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > DateTimeOffset.UtcNow => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/" and "com.amazon.bedrock#ThrottlingException" both name ThrottlingException.
    private static string ShortName(string? errorType)
    {
        if (string.IsNullOrWhiteSpace(errorType)) return "";
        var name = errorType.Trim();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0) name = name[..colon];
        var hash = name.LastIndexOf('#');
        return hash >= 0 ? name[(hash + 1)..] : name;
    }
}
