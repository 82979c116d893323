namespace TDeveloper.Hosting.Models;

/// <summary>
/// What one model call tells its HTTP requests and learns from their responses. The provider SDKs take no per-call
/// headers through <c>IChatClient</c>, so the call's idempotency key travels to <see cref="ModelHttpHandler"/> in an
/// <see cref="AsyncLocal{T}"/>, and the status and Retry-After of a failed response travel back the same way (the SDKs'
/// exceptions do not all carry them).
/// </summary>
internal sealed class ModelCallScope
{
    private static readonly AsyncLocal<ModelCallScope?> CurrentScope = new();

    /// <summary>Gets the scope of the model call running on this async flow, or null outside one.</summary>
    public static ModelCallScope? Current => CurrentScope.Value;

    /// <summary>Gets the step attempt's idempotency key, sent as the <c>Idempotency-Key</c> header.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Gets or sets the status of the last failed HTTP response of the call.</summary>
    public int? FailedStatus { get; set; }

    /// <summary>Gets or sets the wait the last failed response asked for.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>Makes <paramref name="scope"/> the current one on this async flow (and the flows it starts).</summary>
    public static void Enter(ModelCallScope scope) => CurrentScope.Value = scope;
}
