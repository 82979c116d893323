using Orleans.Runtime;

namespace TDeveloper.Grains.Interfaces.Security;

/// <summary>Carries the <see cref="CallerIdentity"/> of an API request to the grains it calls, in Orleans' <see cref="RequestContext"/>.</summary>
/// <remarks>
/// <see cref="RequestContext"/> flows with the async context into every grain call made while it is set, and
/// on into the calls those grains make. Calls with no caller are the system's own (timers, reminders, outbox
/// deliveries started outside a request).
/// </remarks>
public static class CallerContext
{
    /// <summary>The <see cref="RequestContext"/> key.</summary>
    public const string Key = "tdev.caller";

    /// <summary>Gets the caller of the current call, or <see langword="null"/> when the system makes it.</summary>
    public static CallerIdentity? Current => RequestContext.Get(Key) as CallerIdentity;

    /// <summary>
    /// Makes the grain calls that follow in the calling async method the system's own, whoever's request runs it: for the
    /// services that do their own checks and then act for the system (issuing tokens, writing the audit log, revoking).
    /// </summary>
    /// <remarks>Call it in an async method: the change ends when that method returns, so the request's own calls keep their caller.</remarks>
    public static void ActAsSystem() => Set(null);

    /// <summary>Sets the caller for the calls made from here on in this async context; <see langword="null"/> clears it.</summary>
    public static void Set(CallerIdentity? caller)
    {
        if (caller is null) RequestContext.Remove(Key);
        else RequestContext.Set(Key, caller);
    }
}
