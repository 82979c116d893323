using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>
/// The durable index of one tenant's sessions, keyed by tenant: it admits new sessions within the concurrent-session
/// limits of the tenant and of the cluster, follows their status, and lists them. Each session's own grain stays the
/// truth about it; the index keeps only ids, owner, status and times.
/// </summary>
[TenantScoped("sessions", KeyIsTenant = true)]
public interface ISessionIndexGrain : IGrainWithStringKey
{
    /// <summary>Admits a new session, taking one of the tenant's and one of the cluster's concurrent-session slots; a session already admitted is admitted again without a new slot.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the summary as indexed; refused with <see cref="CommandOutcome.LimitReached"/> when the
    /// tenant or the cluster already has its maximum of sessions that have not ended (nothing is indexed then).
    /// </returns>
    [SystemOnly]
    Task<CommandResult<SessionSummary>> AdmitAsync(SessionSummary session);

    /// <summary>
    /// Records a session's new status. The first report that it ended (completed or failed) releases its slots; a repeated
    /// or stale report changes nothing, so the slots are released exactly once. Returns once it is durable.
    /// </summary>
    [SystemOnly]
    Task UpdateAsync(string sessionId, SessionStatus status, DateTimeOffset at);

    /// <summary>Gets a page of the tenant's sessions, newest first, filtered by status, owner and creation time.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the page; refused with <see cref="CommandOutcome.Invalid"/> when the limit is outside 1 to
    /// <see cref="SessionQuery.MaxLimit"/>, <see cref="SessionQuery.From"/> is after <see cref="SessionQuery.To"/>, or the cursor is not one
    /// this index issued.
    /// </returns>
    [RequiresPermission(Permissions.SessionsRead)]
    Task<CommandResult<SessionPage>> ListAsync(SessionQuery query);
}
