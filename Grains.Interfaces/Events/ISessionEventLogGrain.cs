using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Events;

/// <summary>
/// The ordered, durable log of a session's events, keyed like the session (<c>{tenant}/{sessionId}</c>):
/// every event is numbered from 1, persisted, then published on the session's stream, and kept (in pages)
/// until a retention period after the session ends, so a watcher can replay from any sequence number.
/// </summary>
[TenantScoped("sessions/{0}/events")]
public interface ISessionEventLogGrain : IGrainWithStringKey
{
    /// <summary>Gets up to <paramref name="max"/> events after <paramref name="afterSequence"/>, oldest first.</summary>
    [RequiresPermission(Permissions.SessionsRead)]
    Task<SessionEventPage> ReadAsync(long afterSequence, int max);
}
