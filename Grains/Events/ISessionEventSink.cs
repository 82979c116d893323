using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Events;

/// <summary>
/// The writing side of a session's event log (the same grain as <see cref="ISessionEventLogGrain"/>): only
/// grains append, so this role is not part of the client contract.
/// </summary>
[TenantScoped("sessions/{0}/events")]
public interface ISessionEventSink : IGrainWithStringKey
{
    /// <summary>
    /// Appends, persists and then publishes events of one source (a workflow or the session), numbered by
    /// the source from <paramref name="firstSourceSequence"/>; events the log already holds are dropped.
    /// Returns once they are durable.
    /// </summary>
    [SystemOnly]
    Task AppendAsync(string source, long firstSourceSequence, ImmutableArray<SessionEvent> events);
}
