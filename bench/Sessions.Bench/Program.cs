using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using TDeveloper.Bench;
using TDeveloper.Grains;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Hosting;
using static TDeveloper.Bench.BenchHelpers;

// Live sessions at scale: --sessions (100,000) sessions with their real heartbeat (30 s) and checkpoint reminder (5 min) on a
// 2-silo cluster in this process (two Orleans hosts talking over loopback TCP, one heap and one CPU clock to measure), beside
// the same number of bare Orleans grains with a timer at the heartbeat period, measured in the same run.
// Usage: dotnet run -c Release --project bench/Sessions.Bench [-- --sessions 100000 --tenants 100 --heartbeat 30 --sample 120
//        --checkpoint-interval 300 --checkpoint-phase 1 --parallelism 64 --active 1000]
// --active sessions (1 % by default, spread over all) each run one 3-step request first: only a session that worked since its
// last checkpoint writes one (an idle session's reminder writes nothing), so these give the checkpoint figures.
var sessions = ArgValue(args, "--sessions", 100_000);
var tenants = Math.Max(1, ArgValue(args, "--tenants", 100));
var heartbeat = TimeSpan.FromSeconds(ArgValue(args, "--heartbeat", 30));
var sampleWindow = TimeSpan.FromSeconds(ArgValue(args, "--sample", 120));
var checkpointInterval = TimeSpan.FromSeconds(ArgValue(args, "--checkpoint-interval", 300));
var checkpointPhase = ArgValue(args, "--checkpoint-phase", 1) != 0;
var parallelism = ArgValue(args, "--parallelism", 64);
var active = Math.Clamp(ArgValue(args, "--active", sessions / 100), 0, sessions);
const int ListSample = 1000;

var root = Directory.CreateTempSubdirectory("tdev-sessions-bench-").FullName;
var counters = new StorageCounters();
var siloPorts = (First: FreePort(), Second: FreePort());
var settings = new Dictionary<string, string?>
{
    ["TDeveloper:Models:Offline:Latency"] = "00:00:00",
    ["TDeveloper:Sessions:HeartbeatInterval"] = heartbeat.ToString(),
    ["TDeveloper:Sessions:CheckpointInterval"] = checkpointInterval.ToString(),
    ["TDeveloper:Sessions:MaxConcurrentPerTenant"] = "10000000",
    ["TDeveloper:Sessions:MaxConcurrentPerCluster"] = "10000000",
    ["TDeveloper:Security:LocalKeys:Path"] = Path.Combine(root, "keys", "master-keys.json"), // both silos seal with the same keys
    ["TDeveloper:Sessions:Checkpoints:Directory"] = Path.Combine(root, "checkpoints"),
    ["TDeveloper:Workspaces:Directory"] = Path.Combine(root, "workspaces"),
};

using var first = BuildSilo(siloPorts.First);
await first.StartAsync();
using var second = BuildSilo(siloPorts.Second);
await second.StartAsync();
var grains = first.Services.GetRequiredService<IGrainFactory>();
var management = grains.GetGrain<IManagementGrain>(0);
while ((await management.GetHosts(onlyActive: true)).Count < 2) await Task.Delay(100);

// Heartbeat samples (one per session per heartbeat: the monitoring hook records the session's age) prove the heartbeats ran.
long heartbeatSamples = 0;
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == TDeveloperTelemetry.Name && instrument.Name == "tdeveloper.sessions.age") l.EnableMeasurementEvents(instrument); };
listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref heartbeatSamples));
listener.Start();

// Warm every path (JIT, reminder table, index and count grains) on a tenant of its own.
await ForEachAsync(200, i => grains.GetGrain<ITimerGrain>($"warm-{i}").StartAsync(heartbeat));
await ForEachAsync(200, i => grains.GetGrain<ITimerGrain>($"warm-{i}").StopAsync());
await ForEachAsync(200, async i => Check(await grains.GetGrain<ISessionGrain>(GrainKeys.Session("warm", $"s-{i}")).CreateAsync(new CreateSessionInput { Owner = "bench" })));
await ForEachAsync(200, async i => Check(await grains.GetGrain<ISessionGrain>(GrainKeys.Session("warm", $"s-{i}")).CancelAsync("warm-up done"))); // no heartbeats of theirs in the figures
await Task.Delay(2000);

Console.Error.WriteLine($"[bench] data in {root}");

// Baseline: bare grains with a timer at the heartbeat period, spread over both silos like the sessions.
Console.Error.WriteLine($"[bench] {sessions} bare grains with a {heartbeat.TotalSeconds:0} s timer …");
var heapBefore = HeapAfterFullCollection();
var started = Stopwatch.GetTimestamp();
await ForEachAsync(sessions, i => grains.GetGrain<ITimerGrain>($"bare-{i}").StartAsync(heartbeat));
var bareRate = sessions / Stopwatch.GetElapsedTime(started).TotalSeconds;
var bareBytes = (double)(HeapAfterFullCollection() - heapBefore) / sessions;
await Task.Delay(heartbeat); // every timer has started ticking (a timer's first tick is one period after it starts)
var bare = await MeasureCpuAsync(sampleWindow, () => TimerGrain.Ticks);
await ForEachAsync(sessions, i => grains.GetGrain<ITimerGrain>($"bare-{i}").StopAsync());
while (await management.GetTotalActivationCount() > 2_000) await Task.Delay(500); // the bare activations are gone

// The floor: two silos with none of our grains active, once the baseline's have gone.
Console.Error.WriteLine("[bench] idle cluster …");
await Task.Delay(TimeSpan.FromSeconds(10));
var idle = await MeasureCpuAsync(TimeSpan.FromSeconds(30), () => 0);

// Sessions over several tenants, within limits set high for the bench.
Console.Error.WriteLine($"[bench] {sessions} sessions over {tenants} tenants …");
heapBefore = HeapAfterFullCollection();
var activationsBefore = await management.GetTotalActivationCount();
var createdAt = DateTimeOffset.UtcNow;
started = Stopwatch.GetTimestamp();
await ForEachAsync(sessions, async i => Check(await Session(i).CreateAsync(new CreateSessionInput { Owner = "bench" })));
var createSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
var sessionBytes = (double)(HeapAfterFullCollection() - heapBefore) / sessions;
var activationsEach = (double)(await management.GetTotalActivationCount() - activationsBefore) / sessions;
var perSilo = (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("SessionGrain", StringComparison.Ordinal))
    .GroupBy(s => s.SiloAddress).Select(g => g.Sum(s => s.ActivationCount)).ToList();

// The active sessions run one request each, to its end, before anything is measured.
var activeIds = Enumerable.Range(0, active).Select(k => (int)((long)k * sessions / Math.Max(1, active))).ToArray();
if (active > 0)
{
    Console.Error.WriteLine($"[bench] {active} sessions run a request …");
    var workflows = new System.Collections.Concurrent.ConcurrentBag<IWorkflowGrain>();
    await ForEachAsync(active, async k =>
    {
        var submitted = await Session(activeIds[k]).SubmitRequestAsync(new SubmitRequestInput { Text = "add a login API with tests" });
        if (!submitted.IsOk) throw new InvalidOperationException($"A request was refused: {submitted.Outcome} {submitted.Error}");
        workflows.Add(grains.GetGrain<IWorkflowGrain>(GrainKeys.Workflow($"t{activeIds[k] % tenants}", submitted.Value!.WorkflowId)));
    });
    foreach (var workflow in workflows)
        while (await workflow.GetStatusAsync() is WorkflowStatus.Running or WorkflowStatus.None) await Task.Delay(100);
}

// Heartbeats only: from one heartbeat after the last session was created (every heartbeat timer ticks by then), ending
// before the first checkpoint reminder tick (the first session's creation + the checkpoint interval).
await Task.Delay(heartbeat);
var beforeFirstCheckpoint = createdAt + checkpointInterval - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5);
var heartbeatWindow = beforeFirstCheckpoint < sampleWindow ? beforeFirstCheckpoint : sampleWindow;
var heartbeats = heartbeatWindow >= TimeSpan.FromSeconds(10) ? await MeasureCpuAsync(heartbeatWindow, () => Interlocked.Read(ref heartbeatSamples)) : null;

// One full checkpoint interval once every session's reminder is due: every live session checkpoints once in it.
Measured? withCheckpoints = null;
var sessionWrites = (Writes: 0L, Bytes: 0L);
double sessionBytesAfter = double.NaN;
if (checkpointPhase)
{
    var due = createdAt + checkpointInterval + TimeSpan.FromSeconds(2) - DateTimeOffset.UtcNow;
    Console.Error.WriteLine($"[bench] waiting {due.TotalSeconds:0} s for the first checkpoint reminders, then one interval ({checkpointInterval.TotalSeconds:0} s) …");
    if (due > TimeSpan.Zero) await Task.Delay(due);
    var writesBefore = counters.Of("session");
    withCheckpoints = await MeasureCpuAsync(checkpointInterval, () => Interlocked.Read(ref heartbeatSamples));
    var writesAfter = counters.Of("session");
    sessionWrites = (writesAfter.Writes - writesBefore.Writes, writesAfter.Bytes - writesBefore.Bytes);
    sessionBytesAfter = (double)(HeapAfterFullCollection() - heapBefore) / sessions;
}

// Checkpoint bodies: their metadata (SizeBytes) from a sample of the active sessions (idle ones have none).
var listed = new List<TDeveloper.Grains.Interfaces.Checkpoints.CheckpointInfo>();
var listedSessions = activeIds.Take(ListSample).ToArray();
foreach (var i in listedSessions) listed.AddRange(await Session(i).ListCheckpointsAsync());

var cores = Environment.ProcessorCount;
Console.WriteLine($"Live sessions ({cores} cores, .NET {Environment.Version}, 2 silos in one process over loopback TCP, storage that serializes each write and keeps nothing, in-memory reminders; "
    + $"{sessions} sessions over {tenants} tenants, heartbeat {heartbeat.TotalSeconds:0} s, checkpoint interval {checkpointInterval.TotalMinutes:0.#} min, {parallelism} calls in flight)");
Console.WriteLine();
Console.WriteLine("| figure | bare Orleans grain + timer | session | ratio | goal |");
Console.WriteLine("|---|---|---|---|---|");
Console.WriteLine($"| created per second | {bareRate:0} | {sessions / createSeconds:0} | {sessions / createSeconds / bareRate:0.00}× | — |");
Console.WriteLine($"| memory per item (heap delta / count) | {Kib(bareBytes)} | {Kib(sessionBytes)} | {sessionBytes / bareBytes:0.0}× | — |");
Console.WriteLine($"| CPU share while idle, heartbeats only ({Window(heartbeats?.Seconds ?? 0)}) | {Percent(bare.Share)} | {(heartbeats is null ? "n/a (window too short)" : Percent(heartbeats.Share))} | {(heartbeats is null ? "—" : $"{heartbeats.Share / bare.Share:0.0}×")} | < 10 % |");
Console.WriteLine($"| the same, less the idle cluster's {Percent(idle.Share)} | {Percent(bare.Share - idle.Share)} | {(heartbeats is null ? "n/a" : Percent(heartbeats.Share - idle.Share))} | {(heartbeats is null ? "—" : $"{(heartbeats.Share - idle.Share) / (bare.Share - idle.Share):0.0}×")} | — |");
Console.WriteLine($"| timer ticks / heartbeat samples per second | {bare.Events / bare.Seconds:0} | {(heartbeats is null ? "n/a" : $"{heartbeats.Events / heartbeats.Seconds:0}")} | — | {sessions / heartbeat.TotalSeconds:0} expected |");
if (withCheckpoints is not null)
{
    Console.WriteLine($"| CPU share, heartbeats and checkpoints (one interval, {Window(withCheckpoints.Seconds)}) | — | {Percent(withCheckpoints.Share)} | — | — |");
    Console.WriteLine($"| heartbeat samples per second in that interval | — | {withCheckpoints.Events / withCheckpoints.Seconds:0} | — | {sessions / heartbeat.TotalSeconds:0} expected |");
    Console.WriteLine($"| session state writes per minute | — | {sessionWrites.Writes / withCheckpoints.Seconds * 60:0} | — | — |");
    Console.WriteLine($"| bytes per session state write | — | {(sessionWrites.Writes == 0 ? "n/a" : $"{(double)sessionWrites.Bytes / sessionWrites.Writes:0}")} | — | — |");
    Console.WriteLine($"| memory per session after its first checkpoint | — | {Kib(sessionBytesAfter)} | {sessionBytesAfter / bareBytes:0.0}× | — |");
}

var inWindow = withCheckpoints is null ? [] : listed.Where(c => c.TakenAt >= withCheckpoints.From && c.TakenAt < withCheckpoints.To).ToList();
Console.WriteLine($"| checkpoints per minute in that interval ({active} active sessions: ListCheckpointsAsync of {listedSessions.Length}, scaled; idle sessions write none) | — | {(listed.Count == 0 || withCheckpoints is null ? "n/a (no checkpoints listed)" : $"{inWindow.Count * (double)active / listedSessions.Length / withCheckpoints.Seconds * 60:0}")} | — | {active / checkpointInterval.TotalMinutes:0} expected |");
Console.WriteLine($"| bytes per checkpoint (mean SizeBytes) | — | {(listed.Count == 0 ? "n/a (no checkpoints listed)" : $"{listed.Average(c => c.SizeBytes):0}")} | — | — |");
Console.WriteLine();
Console.WriteLine($"Idle cluster (no grains of ours active, 30 s): CPU share {Percent(idle.Share)}. Sessions per silo: {string.Join(" / ", perSilo)}; activations per session: {activationsEach:0.##}. "
    + $"Process: {Environment.WorkingSet / (1024.0 * 1024 * 1024):0.00} GiB working set, {GC.CollectionCount(2)} gen-2 collections.");

await second.StopAsync();
await first.StopAsync();
Directory.Delete(root, recursive: true);

ISessionGrain Session(int i) => grains.GetGrain<ISessionGrain>(GrainKeys.Session($"t{i % tenants}", $"s-{i}"));

IHost BuildSilo(int siloPort)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, DisableDefaults = true });
    builder.Configuration.AddInMemoryCollection(settings);
    builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error); // the table is the output; errors are worth seeing
    builder.UseOrleans(silo =>
    {
        silo.UseLocalhostClustering(siloPort, FreePort(), new IPEndPoint(IPAddress.Loopback, siloPorts.First));
        silo.Services.AddGrainStorage(StorageNames.State, (services, _) => new CountingStorage(services.GetRequiredKeyedService<IGrainStorageSerializer>(StorageNames.State), counters));
        silo.UseInMemoryReminderService();
        silo.AddTDeveloperRuntime();
    });
    return builder.Build();
}

async Task ForEachAsync(int count, Func<int, Task> body) =>
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) => await body(i));

static void Check(CommandResult<SessionSnapshot> result)
{
    if (!result.IsOk) throw new InvalidOperationException($"A session was not created: {result.Outcome} {result.Error}");
}

static async Task<Measured> MeasureCpuAsync(TimeSpan window, Func<long> events)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var eventsBefore = events();
    var from = DateTimeOffset.UtcNow;
    var started = Stopwatch.GetTimestamp();
    await Task.Delay(window);
    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    return new Measured(cpu / (seconds * Environment.ProcessorCount), events() - eventsBefore, seconds, from, DateTimeOffset.UtcNow);
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

static string Kib(double bytes) => double.IsNaN(bytes) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{bytes:0} ({bytes / 1024:0.0} KiB)");

static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.00} %");

static string Window(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s");

/// <summary>CPU share (process CPU time / wall time × cores) and events counted over a window.</summary>
internal sealed record Measured(double Share, long Events, double Seconds, DateTimeOffset From, DateTimeOffset To);
