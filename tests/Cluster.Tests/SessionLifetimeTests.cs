using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Cluster.Tests;

/// <summary>Sessions that live three seconds: the heartbeat ends them, the checkpoint reminder persists them.</summary>
public sealed class SessionLifetimeTests : FileStoreClusterFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Sessions:MaxLifetime"] = "00:00:03",
        ["TDeveloper:Sessions:HeartbeatInterval"] = "00:00:00.500",
        ["TDeveloper:Sessions:CheckpointInterval"] = "00:00:01",
    };

    [Fact]
    public async Task A_session_beats_checkpoints_and_ends_as_expired_after_its_lifetime()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);

        var live = await Eventually.MatchAsync(session.GetAsync, s => s!.LastHeartbeatAt is not null && s.LastCheckpointAt is not null, what: "heartbeat and checkpoint");
        Assert.Equal(SessionStatus.Active, live!.Status);

        var ended = await Eventually.MatchAsync(session.GetAsync, s => s!.Status == SessionStatus.Completed, what: "session expired");
        Assert.Equal("expired", ended!.EndReason);
        Assert.True(ended.ExpiresAt <= DateTimeOffset.UtcNow);
        Assert.Equal(CommandOutcome.Conflict, (await session.SubmitRequestAsync(new SubmitRequestInput { Text = "too late" })).Outcome);

        // The event is committed with the state and reaches the log just after: wait for it there.
        await SessionEvents.WaitForAsync(Client, session, events => events.Any(e => e.Kind == SessionEventKind.SessionStatusChanged && e.Status == nameof(SessionStatus.Completed) && e.Message == "expired"), "expiry logged");
    }
}
