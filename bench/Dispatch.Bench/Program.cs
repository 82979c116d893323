using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TDeveloper.Bench;
using static TDeveloper.Bench.BenchHelpers;
using TDeveloper.Grains;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Hosting;

// Dispatch throughput: requests submitted through ISessionGrain.SubmitRequestAsync with an explicit one-step plan (registry
// validation, plan, the session's queue and slots, the workflow, the agent, the offline model without latency), as requests/s
// from submit to finished, beside empty grain calls measured in the same process with the same concurrency.
// Usage: dotnet run -c Release --project bench/Dispatch.Bench [-- --sessions 100 --requests 5 --rounds 3]
// Any other setting by its key, e.g. --TDeveloper:Agents:Balancing:Enabled=false (to compare with no balancer call).
var sessions = ArgValue(args, "--sessions", 100);
var perSession = ArgValue(args, "--requests", 5);
var rounds = ArgValue(args, "--rounds", 3);

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Critical);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["TDeveloper:Models:Offline:Latency"] = "00:00:00",
    ["TDeveloper:Sessions:MaxConcurrentPerTenant"] = "100000",
    ["TDeveloper:Sessions:MaxConcurrentPerCluster"] = "100000",
});
builder.Configuration.AddCommandLine([.. args.Where(a => a.StartsWith("--TDeveloper:", StringComparison.Ordinal))]);
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(FreePort(), FreePort());
    silo.AddMemoryGrainStorage(StorageNames.State);
    silo.UseInMemoryReminderService();
    silo.AddTDeveloperRuntime();
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

await SubmitAsync(grains, await CreateSessionsAsync(grains, 4), 2); // warm every path once
await PingAsync(grains, 2000, 64);

var rows = new List<string>();
for (var round = 1; round <= rounds; round++)
{
    var targets = await CreateSessionsAsync(grains, sessions); // created outside the timed part
    var requests = sessions * perSession;
    var (submitSeconds, finishSeconds) = await SubmitAsync(grains, targets, perSession);
    var pingCalls = requests * 20;
    var pingRate = pingCalls / await PingAsync(grains, pingCalls, sessions * perSession);
    var submitRate = requests / submitSeconds;
    var finishRate = requests / finishSeconds;
    rows.Add($"| {round} | {sessions} × {perSession} | {submitRate:0} | {finishRate:0} | {pingRate:0} | {100 * submitRate / pingRate:0.0} % | {100 * finishRate / pingRate:0.0} % |");
}

Console.WriteLine($"Dispatch throughput ({Environment.ProcessorCount} cores, one silo, memory storage, offline model without latency, one-step plans)");
Console.WriteLine();
Console.WriteLine("| round | sessions × requests | accepted/s (submit returned) | finished/s (submit to workflow done) | raw grain calls/s | accepted ÷ raw | finished ÷ raw |");
Console.WriteLine("|---|---|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);
await host.StopAsync();

static async Task<ISessionGrain[]> CreateSessionsAsync(IGrainFactory grains, int count) =>
    await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
    {
        var session = grains.GetGrain<ISessionGrain>(GrainKeys.Session("bench", GrainKeys.NewSessionId()));
        var created = await session.CreateAsync(new CreateSessionInput { Owner = "bench" });
        if (created.Outcome != CommandOutcome.Ok) throw new InvalidOperationException($"session: {created.Outcome} {created.Error}");
        return session;
    }));

static async Task<(double Submit, double Finish)> SubmitAsync(IGrainFactory grains, ISessionGrain[] sessions, int perSession)
{
    var plan = new WorkflowPlan { Steps = [new PlanStep { Id = "code", Agent = AgentNames.Code, Instruction = "implement the bench feature" }] };
    var started = Stopwatch.GetTimestamp();
    var submitted = await Task.WhenAll(sessions.SelectMany(session => Enumerable.Range(0, perSession).Select(async i =>
    {
        var result = await session.SubmitRequestAsync(new SubmitRequestInput { Text = $"implement the bench feature {i}", Plan = plan });
        if (result.Outcome != CommandOutcome.Ok) throw new InvalidOperationException($"submit: {result.Outcome} {result.Error}");
        return grains.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("bench", result.Value!.WorkflowId));
    })));
    var accepted = Stopwatch.GetElapsedTime(started).TotalSeconds;
    await Task.WhenAll(submitted.Select(async workflow =>
    {
        // The status alone, every 20 ms: a snapshot per poll would load the silo measured.
        while (await workflow.GetStatusAsync() is WorkflowStatus.None or WorkflowStatus.Queued or WorkflowStatus.Running) await Task.Delay(20);
    }));
    return (accepted, Stopwatch.GetElapsedTime(started).TotalSeconds);
}

static async Task<double> PingAsync(IGrainFactory grains, int calls, int concurrency)
{
    var targets = Enumerable.Range(0, concurrency).Select(i => grains.GetGrain<IPingGrain>($"p{i}")).ToArray();
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(targets.Select(async (grain, i) =>
    {
        for (var n = i; n < calls; n += targets.Length) await grain.PingAsync();
    }));
    return Stopwatch.GetElapsedTime(started).TotalSeconds;
}
