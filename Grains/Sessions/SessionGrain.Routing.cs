using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Sessions;

/// <summary>The session's part of routing alerts: an alert raised or cleared at one of its tasks becomes a <see cref="SessionEventKind.RoutingAlert"/> event.</summary>
public sealed partial class SessionGrain
{
    /// <inheritdoc />
    public async Task OnRoutingAlertAsync(string agent, string status, string message)
    {
        if (State.Status == SessionStatus.None || SessionLifecycle.IsEnded(State.Status)) return;
        await PersistAsync(new SessionEvent
        {
            Kind = SessionEventKind.RoutingAlert,
            SessionId = GrainKeys.LocalIdOf(SessionKey),
            Agent = agent,
            Status = status,
            Message = message,
            At = _time.GetUtcNow(),
        });
    }
}
