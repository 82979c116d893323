using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Events;

/// <summary>
/// The ordered, durable log of a session's events, keyed like the session (<c>{tenant}/{sessionId}</c>):
/// it numbers each event, persists it, then publishes it on the session's stream, so a watcher that
/// reconnects can replay from the last sequence it saw.
/// </summary>
public interface ISessionEventLogGrain : IGrainWithStringKey
{
    /// <summary>Numbers, persists and publishes <paramref name="events"/>, in order.</summary>
    Task AppendAsync(ImmutableArray<SessionEvent> events);

    /// <summary>Gets up to <paramref name="max"/> events after <paramref name="afterSequence"/>.</summary>
    Task<SessionEventPage> ReadAsync(long afterSequence, int max);
}
