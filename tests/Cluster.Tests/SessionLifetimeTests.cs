using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Cluster.Tests;

/// <summary>
/// Sessions on a clock the test moves: the heartbeat ends them once their lifetime has passed on that clock,
/// the checkpoint reminder persists them meanwhile.
/// </summary>
/// <remarks>
/// The grains and their timers (Orleans' grain area) run on a <see cref="FakeTimeProvider"/>; the rest of the silo
/// (membership, messaging, reminders, streams) keeps real time, so the checkpoint reminder still ticks every second
/// of real time but stamps the fake "now".
/// </remarks>
public sealed class SessionLifetimeTests : FileStoreClusterFixture
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly GrainCallProbe _probe = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Sessions:MaxLifetime"] = Lifetime.ToString(),
        ["TDeveloper:Sessions:HeartbeatInterval"] = Heartbeat.ToString(),
        ["TDeveloper:Sessions:CheckpointInterval"] = "00:00:01",
    };

    protected override void ConfigureSiloServices(IServiceCollection services) => services
        .AddSingleton<TimeProvider>(_clock)
        .UseTimeProviderForBackgroundAreas(TimeProvider.System)
        .AddSingleton<IIncomingGrainCallFilter>(_probe);

    [Fact]
    public async Task A_session_beats_checkpoints_and_ends_as_expired_only_once_its_lifetime_has_passed()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);
        var created = (await session.GetAsync())!;
        Assert.Equal(_clock.GetUtcNow(), created.CreatedAt);
        Assert.Equal(created.CreatedAt + Lifetime, created.ExpiresAt);
        Assert.Null(created.LastHeartbeatAt);

        // The checkpoint reminder ticks, but a session never used has nothing to checkpoint; a checkpoint stamps the
        // test's "now", however much real time has passed.
        await _probe.CheckpointedAsync(session);
        Assert.Null((await session.GetAsync())!.LastCheckpointAt);
        Assert.Equal(CommandOutcome.Ok, (await session.CheckpointAsync("now")).Outcome);
        Assert.Equal(_clock.GetUtcNow(), (await session.GetAsync())!.LastCheckpointAt);

        // The heartbeat timer runs on the test's clock: moving it one interval makes it beat once. The tick is
        // queued to the (non-reentrant) session while the clock moves, so the next call sees its effect.
        _clock.Advance(Heartbeat);
        var live = (await session.GetAsync())!;
        Assert.Equal(_clock.GetUtcNow(), live.LastHeartbeatAt);
        Assert.Equal(SessionStatus.Active, live.Status);

        // Just short of the lifetime the session lives on; the beat that reaches it ends the session.
        _clock.Advance(created.ExpiresAt - _clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(SessionStatus.Active, (await session.GetAsync())!.Status);
        _clock.Advance(Heartbeat);

        // The end is committed with the state and reaches the log just after: wait for it there.
        await SessionEvents.WaitForAsync(Client, session, events => events.Any(e => e.Kind == SessionEventKind.SessionStatusChanged && e.Status == nameof(SessionStatus.Completed) && e.Message == "expired"), "expiry logged");
        var ended = (await session.GetAsync())!;
        Assert.Equal(SessionStatus.Completed, ended.Status);
        Assert.Equal("expired", ended.EndReason);
        Assert.Equal(CommandOutcome.Conflict, (await session.SubmitRequestAsync(new SubmitRequestInput { Text = "too late" })).Outcome);
    }
}
