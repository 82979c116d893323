using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Sessions.Recovery;

namespace TDeveloper.Cluster.Tests;

/// <summary>Records which silo handled each call of a method, across the silos of a test cluster.</summary>
public sealed class SiloCallLog
{
    /// <summary>Gets the calls: grain, method and the silo that ran it.</summary>
    public ConcurrentQueue<(GrainId Grain, string Method, SiloAddress Silo)> Calls { get; } = new();

    /// <summary>Adds the filter that records into this log to a silo's services.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddSingleton<IIncomingGrainCallFilter>(sp => new Filter(this, sp.GetRequiredService<ILocalSiloDetails>().SiloAddress));

    private sealed class Filter(SiloCallLog log, SiloAddress silo) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            await context.Invoke();
            log.Calls.Enqueue((context.TargetId, context.ImplementationMethod.Name, silo));
        }
    }
}

/// <summary>A session whose silo is killed comes back on another silo, queues itself, and is recovered there.</summary>
public sealed class SessionRecoveryTests : FileStoreClusterFixture
{
    private readonly SiloCallLog _log = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Sessions:Recovery:ScanInterval"] = "00:00:00.200",
        ["TDeveloper:Sessions:Recovery:ReminderPeriod"] = "00:00:02",
    };

    protected override void ConfigureSiloServices(IServiceCollection services) => _log.AddTo(services);

    [Fact]
    public async Task A_session_whose_silo_is_killed_is_queued_and_recovered_on_the_other_silo()
    {
        // Sessions until one lives on the silo to kill and one on the other (placement is random).
        var onSilo = new Dictionary<SiloAddress, ISessionGrain>();
        while (onSilo.Count < 2)
        {
            var session = await SessionFlow.CreateSessionAsync(Client);
            Assert.True(Cluster.TryGetGrainContext(session.GetGrainId(), out var context));
            onSilo.TryAdd(context.Address.SiloAddress!, session);
        }

        var doomedSilo = Cluster.Silos.First(s => s.SiloAddress.Equals(onSilo.Keys.First()));
        var crashed = onSilo[doomedSilo.SiloAddress];
        var survivor = onSilo.Single(p => !p.Key.Equals(doomedSilo.SiloAddress)).Value;
        await Cluster.KillSiloAsync(doomedSilo);

        // Its checkpoint reminder brings the session back on the surviving silo, where it finds it did not shut down cleanly.
        var events = await SessionEvents.WaitForAsync(Client, crashed, e => e.Any(x => x.Kind == SessionEventKind.SessionRecovered), "session recovered", TimeSpan.FromSeconds(40));

        var recovered = events.Single(e => e.Kind == SessionEventKind.SessionRecovered);
        Assert.Equal(1, recovered.Attempt);
        var recoverCalls = _log.Calls.Where(c => c.Grain == crashed.GetGrainId() && c.Method == nameof(ISessionGrain.RecoverAsync)).ToList();
        var call = Assert.Single(recoverCalls);
        Assert.NotEqual(doomedSilo.SiloAddress, call.Silo);
        Assert.Equal(SessionStatus.Active, (await crashed.GetAsync())!.Status);
        Assert.Null(await Client.GetGrain<ISessionRecoveryQueueGrain>(RecoveryShards.For(crashed.GetPrimaryKeyString(), 8)).GetAsync(crashed.GetPrimaryKeyString()));

        // The session that lived on the surviving silo never went down: nothing queued it.
        Assert.DoesNotContain(_log.Calls, c => c.Grain == survivor.GetGrainId() && c.Method == nameof(ISessionGrain.RecoverAsync));
        Assert.DoesNotContain(await SessionEvents.ReadAllAsync(Client, survivor), e => e.Kind is SessionEventKind.SessionRecovered or SessionEventKind.SessionRecoveryFailed);
    }
}
