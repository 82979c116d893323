using System.Diagnostics;

namespace TDeveloper.Grains.Diagnostics;

/// <summary>
/// Keeps a request's trace across work that runs after the request's turn has returned: a queued request started by
/// another request's completion, a workflow woken by its timer or reminder, a redispatch. The request's W3C
/// <c>traceparent</c> is stored with the work (<c>StartWorkflowInput.TraceParent</c>) and the later span is parented on it.
/// </summary>
public static class TraceContexts
{
    /// <summary>The span tag of the tenant.</summary>
    public const string Tenant = "tdeveloper.tenant";

    /// <summary>The span tag of the session id.</summary>
    public const string Session = "tdeveloper.session";

    /// <summary>The span tag of the workflow id.</summary>
    public const string Workflow = "tdeveloper.workflow";

    /// <summary>The span tag of the step id.</summary>
    public const string Step = "tdeveloper.step";

    /// <summary>The span tag of the step attempt (1-based).</summary>
    public const string Attempt = "tdeveloper.attempt";

    /// <summary>The span tag of the agent type.</summary>
    public const string Agent = "tdeveloper.agent";

    /// <summary>The span tag of the catalog model that answered.</summary>
    public const string Model = "tdeveloper.model";

    /// <summary>The span tag of the model's provider.</summary>
    public const string Provider = "tdeveloper.model.provider";

    /// <summary>The span tag of input tokens.</summary>
    public const string InputTokens = "tdeveloper.tokens.input";

    /// <summary>The span tag of output tokens.</summary>
    public const string OutputTokens = "tdeveloper.tokens.output";

    /// <summary>The span tag of the cost in US dollars.</summary>
    public const string Cost = "tdeveloper.cost_usd";

    /// <summary>The span tag of an outcome (succeeded, failed, queued, …).</summary>
    public const string Outcome = "tdeveloper.outcome";

    /// <summary>Gets the W3C <c>traceparent</c> of the current span, or null when there is none (nothing listens, or it is not W3C).</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts a span for work that continues the trace <paramref name="traceParent"/>. Inside that same trace it is a plain
    /// child; inside another trace (the turn of an unrelated call) or none (a timer, a reminder) its parent is the stored
    /// context, and the span it runs in, if any, is linked.
    /// </summary>
    public static Activity? StartContinuation(string name, string? traceParent, ActivityKind kind = ActivityKind.Internal)
    {
        var current = Activity.Current;
        if (traceParent is null || !ActivityContext.TryParse(traceParent, null, isRemote: true, out var stored)) return TDeveloperTelemetry.ActivitySource.StartActivity(name, kind);
        if (current is not null && current.TraceId == stored.TraceId) return TDeveloperTelemetry.ActivitySource.StartActivity(name, kind);
        ActivityLink[]? links = current is null ? null : [new ActivityLink(current.Context)];
        return TDeveloperTelemetry.ActivitySource.StartActivity(name, kind, stored, links: links);
    }

    /// <summary>Sets the tenant and session tags from a session key (<c>{tenant}/{sessionId}</c>).</summary>
    public static Activity? WithSession(this Activity? activity, string sessionKey)
    {
        if (activity is null || string.IsNullOrEmpty(sessionKey)) return activity;
        var slash = sessionKey.IndexOf('/');
        activity.SetTag(Tenant, slash < 0 ? sessionKey : sessionKey[..slash]);
        activity.SetTag(Session, slash < 0 ? sessionKey : sessionKey[(slash + 1)..]);
        return activity;
    }
}
