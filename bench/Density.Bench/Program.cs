using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using TDeveloper.Bench;
using static TDeveloper.Bench.BenchHelpers;
using TDeveloper.Grains;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

// Activation density: heap bytes per idle activation and activations per second of T-Developer's grains,
// beside a bare Orleans grain activated in the same process. One silo, memory storage, in-memory reminders,
// offline model without latency. Usage: dotnet run -c Release --project bench/Density.Bench [-- --count 5000 --storage memory|discard]
// (--storage discard keeps no state in the process, as a real store would not; see DiscardingGrainStorage).
var count = ArgValue(args, "--count", 5000);
var discard = args.SkipWhile(a => a != "--storage").Skip(1).FirstOrDefault() == "discard";
const int Parallelism = 64;

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Critical); // the table is the output
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TDeveloper:Models:Offline:Latency"] = "00:00:00" });
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(FreePort(), FreePort());
    if (discard) silo.Services.AddGrainStorage(StorageNames.State, (_, _) => new DiscardingGrainStorage());
    else silo.AddMemoryGrainStorage(StorageNames.State);
    silo.UseInMemoryReminderService();
    silo.AddTDeveloperRuntime();
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var management = grains.GetGrain<IManagementGrain>(0);

var oneStep = new WorkflowPlan { Steps = [new PlanStep { Id = "only", Agent = AgentNames.Code, Instruction = "bench step" }] };

// Each kind: how to activate item i of a run, and (for workflows) how to know it has gone idle.
var kinds = new (string Name, string? Target, Func<string, int, Task> Activate, Func<string, int, Task>? Settle)[]
{
    ("bare grain (no state)", null, (run, i) => grains.GetGrain<IBareGrain>($"{run}-{i}").PingAsync(), null),
    ("bare grain, small state written once", null, (run, i) => grains.GetGrain<IBarePersistedGrain>($"{run}-{i}").WriteAsync(i), null),
    ("agent (GetAsync)", "≤ 4 KiB", (run, i) => grains.GetGrain<IAgentGrain>(GrainKeys.Agent(SessionKey(run, i), AgentNames.Code)).GetAsync(), null),
    ("session (CreateAsync)", "≤ 6 KiB", (run, i) => grains.GetGrain<ISessionGrain>(SessionKey(run, i)).CreateAsync(new CreateSessionInput { Owner = "bench" }), null),
    ("workflow (1-step plan, run to the end)", null,
        (run, i) => grains.GetGrain<IWorkflowGrain>(WorkflowKey(run, i)).StartAsync(new StartWorkflowInput { SessionKey = SessionKey(run, i), RequestText = "bench", Plan = oneStep }),
        async (run, i) =>
        {
            var workflow = grains.GetGrain<IWorkflowGrain>(WorkflowKey(run, i));
            while ((await workflow.GetAsync())?.Status == WorkflowStatus.Running) await Task.Delay(20);
        }),
};

// Warm every path (JIT, type loading, storage and reminder structures) so that the measured runs pay only per-activation costs.
foreach (var kind in kinds) await MeasureAsync(kind, "warm", 200);

var rows = new List<(string Name, string? Target, Result Result)>();
foreach (var kind in kinds) rows.Add((kind.Name, kind.Target, await MeasureAsync(kind, "run", count)));

var bare = rows[0].Result.BytesPerItem;
Console.WriteLine($"Activation density ({Environment.ProcessorCount} cores, .NET {Environment.Version}, one silo, {(discard ? "storage that keeps nothing" : "memory storage")}, in-memory reminders, offline model without latency, {Parallelism} calls in flight)");
Console.WriteLine();
Console.WriteLine("| kind | count | activations/s | bytes per activation | × bare grain | target | grains activated each |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, target, r) in rows)
{
    Console.WriteLine($"| {name} | {count} | {r.PerSecond:0} | {r.BytesPerItem:0} ({r.BytesPerItem / 1024:0.0} KiB) | {r.BytesPerItem / bare:0.0}× | {target ?? "—"} | {r.GrainsPerItem:0.##} |");
}

await host.StopAsync();

async Task<Result> MeasureAsync((string Name, string? Target, Func<string, int, Task> Activate, Func<string, int, Task>? Settle) kind, string run, int items)
{
    run = $"{run}-{Guid.NewGuid():N}"[..12];
    var activationsBefore = await management.GetTotalActivationCount();
    var heapBefore = HeapAfterFullCollection();
    var started = Stopwatch.GetTimestamp();
    await Parallel.ForEachAsync(Enumerable.Range(0, items), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) => await kind.Activate(run, i));
    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    if (kind.Settle is { } settle)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, items), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) => await settle(run, i));
    }

    await Task.Delay(500); // let one-way calls and stream deliveries drain, so only idle activations remain
    var heapAfter = HeapAfterFullCollection();
    var activationsAfter = await management.GetTotalActivationCount();
    return new Result(items / seconds, (double)(heapAfter - heapBefore) / items, (double)(activationsAfter - activationsBefore) / items);
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

static string SessionKey(string run, int i) => GrainKeys.Session("bench", $"s-{run}-{i}");

static string WorkflowKey(string run, int i) => GrainKeys.Workflow("bench", $"w-{run}-{i}");



internal sealed record Result(double PerSecond, double BytesPerItem, double GrainsPerItem);
