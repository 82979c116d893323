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

    /// <summary>Sets the caller for the calls made from here on in this async context; <see langword="null"/> clears it.</summary>
    public static void Set(CallerIdentity? caller)
    {
        if (caller is null) RequestContext.Remove(Key);
        else RequestContext.Set(Key, caller);
    }
}
