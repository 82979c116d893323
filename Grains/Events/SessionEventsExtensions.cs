using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Events;

/// <summary>Announces session events from inside a grain, through the session's event log.</summary>
internal static class SessionEventsExtensions
{
    /// <summary>Appends <paramref name="events"/>, in order, to the log of the session <paramref name="sessionKey"/>, which publishes them.</summary>
    public static Task PublishSessionEventsAsync(this IGrainFactory grains, string sessionKey, IEnumerable<SessionEvent> events) =>
        grains.GetGrain<ISessionEventLogGrain>(sessionKey).AppendAsync([.. events]);
}
