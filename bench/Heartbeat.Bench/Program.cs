using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TDeveloper.Bench.Heartbeat;
using static TDeveloper.Bench.BenchHelpers;

// Heartbeat cost: one grain timer per grain against a per-silo sweep calling each local grain, for N idle grains in one
// in-process silo. Each mode runs in a fresh silo: activate N grains, warm for 2 periods, then measure process CPU
// (Process.TotalProcessorTime) over --seconds and the heap growth per activation after full collections. A baseline
// run with the same N grains and no heartbeat gives the idle CPU, subtracted from both.
// Usage: dotnet run -c Release --project bench/Heartbeat.Bench [-- --count 20000 --period-ms 1000 --seconds 10]
var count = ArgValue(args, "--count", 20_000);
var period = TimeSpan.FromMilliseconds(ArgValue(args, "--period-ms", 1000));
var seconds = ArgValue(args, "--seconds", 10);

var modes = new (string Name, TickSettings Settings)[]
{
    ("baseline: idle grains, no heartbeat", new TickSettings { Period = period, Ticking = false }),
    ("one grain timer per grain", new TickSettings { Period = period, OwnTimer = true }),
    ("per-silo sweep calling each grain", new TickSettings { Period = period, OwnTimer = false }),
};

// A first pass warms JIT and type loading for every path; its numbers are dropped.
foreach (var (_, settings) in modes) await RunAsync(settings, Math.Min(count, 2_000), 2);
var rows = new List<(string Name, Result Result)>();
foreach (var (name, settings) in modes) rows.Add((name, await RunAsync(settings, count, seconds)));

var baseline = rows[0].Result;
Console.WriteLine($"Heartbeat cost ({Environment.ProcessorCount} cores, .NET {Environment.Version}, one silo, {count:N0} idle grains, period {period.TotalMilliseconds:0} ms, {seconds} s measured)");
Console.WriteLine();
Console.WriteLine("| mode | ticks/s | CPU µs per tick (above baseline) | CPU share of one core (above baseline) | bytes per activation | × baseline bytes |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (name, r) in rows)
{
    var extraCpu = r.CpuSeconds - baseline.CpuSeconds * r.WallSeconds / baseline.WallSeconds;
    var perTick = r.Ticks == 0 ? "—" : $"{extraCpu * 1e6 / r.Ticks:0.00}";
    Console.WriteLine($"| {name} | {r.Ticks / r.WallSeconds:N0} | {perTick} | {(r.Ticks == 0 ? r.CpuSeconds / r.WallSeconds : extraCpu / r.WallSeconds):P2} | {r.BytesPerActivation:0} | {r.BytesPerActivation / baseline.BytesPerActivation:0.00}× |");
}

static async Task<Result> RunAsync(TickSettings settings, int count, int seconds)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Critical);
    builder.Services.AddTicking(settings);
    builder.UseOrleans(silo =>
    {
        silo.UseLocalhostClustering(FreePort(), FreePort());
        silo.Configure<Orleans.Configuration.GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(1));
    });
    using var host = builder.Build();
    await host.StartAsync();
    var grains = host.Services.GetRequiredService<IGrainFactory>();
    var run = Random.Shared.NextInt64(1, long.MaxValue / 4);

    var heapBefore = HeapAfterFullCollection();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) => await grains.GetGrain<ITickGrain>(run + i).PingAsync());
    await Task.Delay(settings.Period * 2); // every grain has ticked at least once: timers and registry entries are in place
    var heapAfter = HeapAfterFullCollection();

    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var ticksBefore = Ticks.Count;
    var started = Stopwatch.GetTimestamp();
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var ticks = Ticks.Count - ticksBefore;
    await host.StopAsync();
    return new Result(ticks, cpu, wall, (double)(heapAfter - heapBefore) / count);
}

static long HeapAfterFullCollection()
{
    for (var i = 0; i < 3; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    return GC.GetTotalMemory(forceFullCollection: true);
}

internal sealed record Result(long Ticks, double CpuSeconds, double WallSeconds, double BytesPerActivation);
