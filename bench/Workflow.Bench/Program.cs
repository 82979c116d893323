using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using TDeveloper.Bench;
using static TDeveloper.Bench.BenchHelpers;
using TDeveloper.Grains;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Hosting;

// Workflow throughput: steps per second for a wide and a deep plan (offline model, no latency, memory
// storage), beside the rate of empty grain calls measured in the same process, and the persisted
// writes per step. Usage: dotnet run -c Release --project bench/Workflow.Bench [-- --workflows 20 --steps 50]
var workflows = ArgValue(args, "--workflows", 20);
var steps = ArgValue(args, "--steps", 50);

var counter = default(CountingGrainStorage);
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Critical); // the table is the output; shutdown noise is not
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TDeveloper:Models:Offline:Latency"] = "00:00:00" });
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(FreePort(), FreePort());
    silo.AddMemoryGrainStorage("bench-inner");
    silo.Services.AddGrainStorage(StorageNames.State, (services, _) => counter = new CountingGrainStorage(
        services.GetRequiredKeyedService<IGrainStorage>("bench-inner"), services.GetRequiredService<IGrainStorageSerializer>()));
    silo.UseInMemoryReminderService();
    silo.AddTDeveloperRuntime();
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

// Warm up every path once.
await RunWorkflowsAsync(grains, Plan("warm", 6, wide: true), 2);
await PingAsync(grains, 1000);

var pingCalls = workflows * steps * 10;
var pingRate = pingCalls / await PingAsync(grains, pingCalls);
var rows = new List<string>();
foreach (var (name, wide) in new[] { ("wide (all steps parallel)", true), ("deep (a chain)", false) })
{
    var before = counter!.ByState.ToDictionary();
    var seconds = await RunWorkflowsAsync(grains, Plan(name, steps, wide), workflows);
    var totalSteps = workflows * steps;
    var stepRate = totalSteps / seconds;
    var delta = counter.ByState.ToDictionary(kv => kv.Key, kv => (Writes: kv.Value.Writes - before.GetValueOrDefault(kv.Key).Writes, Bytes: kv.Value.Bytes - before.GetValueOrDefault(kv.Key).Bytes));
    var writesPerStep = (double)delta.Values.Sum(v => v.Writes) / totalSteps;
    var bytesPerStep = (double)delta.Values.Sum(v => v.Bytes) / totalSteps;
    var breakdown = string.Join(", ", delta.Where(kv => kv.Value.Writes > 0).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {(double)kv.Value.Writes / totalSteps:0.00}"));
    rows.Add($"| {name} | {workflows} × {steps} | {seconds:0.00} | {stepRate:0} | {writesPerStep:0.00} | {bytesPerStep:0} | {pingRate / stepRate:0.0}× | {breakdown} |");
}

Console.WriteLine($"Workflow throughput ({Environment.ProcessorCount} cores, offline model without latency, memory storage, one silo)");
Console.WriteLine();
Console.WriteLine($"Baseline: empty grain calls, {pingCalls} calls, {pingRate:0} calls/s.");
Console.WriteLine();
Console.WriteLine("| plan | workflows × steps | seconds | steps/s | writes per step | bytes written per step | grain calls per step time | writes per step by record kind |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);
await host.StopAsync();

static WorkflowPlan Plan(string name, int count, bool wide) => new()
{
    Steps = [.. Enumerable.Range(0, count).Select(i => new PlanStep
    {
        Id = $"s{i}",
        Agent = AgentNames.All[i % AgentNames.All.Length],
        Instruction = $"{name} step {i}",
        DependsOn = wide || i == 0 ? [] : [$"s{i - 1}"],
    })],
};

static async Task<double> RunWorkflowsAsync(IGrainFactory grains, WorkflowPlan plan, int count)
{
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
    {
        var sessionKey = GrainKeys.Session("bench", GrainKeys.NewSessionId());
        var workflow = grains.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("bench", GrainKeys.NewWorkflowId()));
        await workflow.StartAsync(new StartWorkflowInput { SessionKey = sessionKey, RequestText = "bench", Plan = plan });
        while (await workflow.GetStatusAsync() == WorkflowStatus.Running) await Task.Delay(20); // the status alone: a snapshot per poll would load the silo measured
    }));
    return Stopwatch.GetElapsedTime(started).TotalSeconds;
}

static async Task<double> PingAsync(IGrainFactory grains, int calls)
{
    var targets = Enumerable.Range(0, 64).Select(i => grains.GetGrain<IPingGrain>($"p{i}")).ToArray();
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(targets.Select(async (grain, i) =>
    {
        for (var n = i; n < calls; n += targets.Length) await grain.PingAsync();
    }));
    return Stopwatch.GetElapsedTime(started).TotalSeconds;
}
