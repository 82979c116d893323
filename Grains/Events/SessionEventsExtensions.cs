using Orleans.Streams;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Events;

/// <summary>Publishes session events from inside a grain.</summary>
internal static class SessionEventsExtensions
{
    /// <summary>Publishes <paramref name="events"/> in order on the stream of the session <paramref name="sessionKey"/>.</summary>
    public static async Task PublishAsync(this Grain grain, string sessionKey, IEnumerable<SessionEvent> events)
    {
        IAsyncStream<SessionEvent>? stream = null;
        foreach (var evt in events)
        {
            stream ??= grain.GetStreamProvider(SessionEventStream.ProviderName).GetStream<SessionEvent>(SessionEventStream.For(sessionKey));
            await stream.OnNextAsync(evt);
        }
    }

    /// <summary>Gets the session id (without tenant) of a session key.</summary>
    public static string SessionIdOf(string sessionKey) => GrainKeys.LocalIdOf(sessionKey);
}
