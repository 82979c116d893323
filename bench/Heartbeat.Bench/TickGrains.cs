using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TDeveloper.Bench.Heartbeat;

/// <summary>A grain that only counts its heartbeats.</summary>
public interface ITickGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the grain.</summary>
    Task PingAsync();

    /// <summary>One heartbeat, when a sweep drives it.</summary>
    Task TickAsync();
}

/// <summary>Counts every heartbeat of every grain in the process.</summary>
public static class Ticks
{
    private static long _count;

    /// <summary>Gets the heartbeats so far.</summary>
    public static long Count => Interlocked.Read(ref _count);

    /// <summary>Counts one heartbeat (the work a heartbeat of an idle session does is about this: read the clock, compare, return).</summary>
    public static void One(ref DateTimeOffset last)
    {
        last = TimeProvider.System.GetUtcNow();
        Interlocked.Increment(ref _count);
    }
}

/// <summary>Which way the grains of a run get their heartbeat.</summary>
public sealed class TickSettings
{
    /// <summary>Gets or sets the heartbeat period.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets whether each grain has its own grain timer (else the silo's sweep ticks it).</summary>
    public bool OwnTimer { get; set; }

    /// <summary>Gets or sets whether grains get a heartbeat at all (the baseline run: idle grains, nothing ticking).</summary>
    public bool Ticking { get; set; } = true;
}

/// <summary>A grain that ticks by its own grain timer, or registers with the silo's <see cref="SweepService"/>.</summary>
public sealed class TickGrain(TickSettings settings, SweepRegistry registry) : Grain, ITickGrain
{
    private DateTimeOffset _last;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!settings.Ticking) return Task.CompletedTask;
        if (settings.OwnTimer) this.RegisterGrainTimer(_ => { Ticks.One(ref _last); return Task.CompletedTask; }, new GrainTimerCreationOptions(settings.Period, settings.Period) { KeepAlive = true });
        else registry.Add(this.GetPrimaryKeyLong());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        registry.Remove(this.GetPrimaryKeyLong());
        return Task.CompletedTask;
    }

    public Task PingAsync() => Task.CompletedTask;

    public Task TickAsync()
    {
        Ticks.One(ref _last);
        return Task.CompletedTask;
    }
}

/// <summary>The grains active in this silo that the sweep ticks.</summary>
public sealed class SweepRegistry
{
    private readonly ConcurrentDictionary<long, byte> _keys = new();

    /// <summary>Adds a grain.</summary>
    public void Add(long key) => _keys.TryAdd(key, 0);

    /// <summary>Removes a grain.</summary>
    public void Remove(long key) => _keys.TryRemove(key, out _);

    /// <summary>Gets the grains now.</summary>
    public ICollection<long> Keys => _keys.Keys;
}

/// <summary>A per-silo sweep: every period, it calls <see cref="ITickGrain.TickAsync"/> on each local grain (bounded parallelism).</summary>
public sealed class SweepService(TickSettings settings, SweepRegistry registry, IGrainFactory grains) : BackgroundService
{
    private const int Parallelism = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.OwnTimer || !settings.Ticking) return;
        using var timer = new PeriodicTimer(settings.Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await Parallel.ForEachAsync(registry.Keys, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                    async (key, _) => await grains.GetGrain<ITickGrain>(key).TickAsync());
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // the silo is stopping: calls to its grains fail, and the sweep ends with it
        }
    }
}

/// <summary>Registers the sweep's pieces.</summary>
public static class SweepServiceCollectionExtensions
{
    /// <summary>Adds the settings, the registry and the sweep.</summary>
    public static IServiceCollection AddTicking(this IServiceCollection services, TickSettings settings) =>
        services.AddSingleton(settings).AddSingleton<SweepRegistry>().AddHostedService<SweepService>();
}
