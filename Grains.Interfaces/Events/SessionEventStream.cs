using Orleans.Runtime;

namespace TDeveloper.Grains.Interfaces.Events;

/// <summary>Where a session's events are published: one Orleans stream per session.</summary>
public static class SessionEventStream
{
    /// <summary>The name of the stream provider that carries session events.</summary>
    public const string ProviderName = "TDeveloperEvents";

    /// <summary>The stream namespace of session events.</summary>
    public const string Namespace = "session-events";

    /// <summary>Gets the stream id of a session's events from its key (<c>{tenant}/{sessionId}</c>).</summary>
    public static StreamId For(string sessionKey) => StreamId.Create(Namespace, sessionKey);
}
