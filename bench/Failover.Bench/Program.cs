using static TDeveloper.Bench.BenchHelpers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using TDeveloper.Bench;
using TDeveloper.Testing;

// Failover: two real silo processes; W workflows of sequential steps run over HTTP against silo 1 (which
// hosts the API); silo 2 is killed with SIGKILL mid-run. Per workflow running at the kill: seconds until its
// next step start or completion; then whether every workflow completed, and lost or duplicated step effects.
// Usage: dotnet run -c Release --project bench/Failover.Bench [-- --mode Embedded|Aws --workflows 12 --steps 10
//        --latency 00:00:00.500 --watch sse|poll --timeout 180 --busy --silo <path to TDeveloper.Silo.dll>]
var mode = Arg(args, "--mode", "Embedded");
var workflowCount = int.Parse(Arg(args, "--workflows", "12"), System.Globalization.CultureInfo.InvariantCulture);
var stepCount = int.Parse(Arg(args, "--steps", "10"), System.Globalization.CultureInfo.InvariantCulture);
var latency = TimeSpan.Parse(Arg(args, "--latency", "00:00:00.500"), System.Globalization.CultureInfo.InvariantCulture);
var watch = Arg(args, "--watch", "sse").ToLowerInvariant();
var timeout = TimeSpan.FromSeconds(int.Parse(Arg(args, "--timeout", "180"), System.Globalization.CultureInfo.InvariantCulture));
var busy = args.Contains("--busy");
var siloDll = Path.GetFullPath(Arg(args, "--silo", DefaultSiloDll()));
if (mode is not ("Embedded" or "Aws")) throw new ArgumentException($"--mode {mode}: use Embedded or Aws.");
if (watch is not ("sse" or "poll")) throw new ArgumentException($"--watch {watch}: use sse or poll.");
if (!File.Exists(siloDll)) throw new FileNotFoundException($"{siloDll} not found: build the solution first (dotnet build -c Release Orleans.TDeveloper.sln) or pass --silo.");

try
{
    var data = Directory.CreateTempSubdirectory("tdev-failover-").FullName;
    Console.Error.WriteLine($"data and silo logs: {data}");
    var environment = new Dictionary<string, string>();
    var settings = new List<string> { $"--TDeveloper:Models:Offline:Latency={latency}" };
    if (mode == "Aws")
    {
        settings.Add("--TDeveloper:Mode=Aws"); // after the layout's embedded mode: the last value of a key wins
        settings.Add("--TDeveloper:Providers:Workspaces=File"); // no S3 emulator here: workspace bodies stay in local files
        settings.Add("--TDeveloper:Providers:Keys=Local"); // no KMS here either: every silo shares the one key file
        var dynalite = await DynaliteProcess.StartAsync();
        ChildProcesses.Track(dynalite.DisposeAsync);
        environment["AWS_ACCESS_KEY_ID"] = environment["AWS_SECRET_ACCESS_KEY"] = "bench";
        settings.AddRange([$"--TDeveloper:Aws:ServiceUrl={dynalite.ServiceUrl}", "--TDeveloper:Aws:Region=us-east-1", "--TDeveloper:Aws:CreateIfNotExists=true", "--TDeveloper:Silo:AdvertisedIPAddress=127.0.0.1"]);
    }

    var layout = new EmbeddedClusterLayout(data, settings);
    var primaryPort = FreePort();
    var silo1 = await SiloProcess.StartAsync(siloDll, FreePort(), layout.SiloArguments(primaryPort, primaryPort), environment, Path.Combine(data, "silo1.log"));
    var silo2Port = FreePort();
    var silo2 = await SiloProcess.StartAsync(siloDll, FreePort(), layout.SiloArguments(primaryPort, silo2Port), environment, Path.Combine(data, "silo2.log"));
    Console.Error.WriteLine($"silos up: {silo1.ApiUrl} and {silo2.ApiUrl} ({mode})");

    using var burner = busy ? new CpuBurner() : null;
    using var http = new HttpClient { BaseAddress = silo1.ApiUrl, Timeout = Timeout.InfiniteTimeSpan };
    await layout.AuthenticateAsync(http);
    using var stop = new CancellationTokenSource();
    string[] agentNames = ["DesignAgent", "CodeAgent", "TestAgent", "SecurityAgent", "DocsAgent", "ReviewAgent"];
    var plan = new { steps = Enumerable.Range(0, stepCount).Select(i => new { id = $"s{i}", agent = agentNames[i % agentNames.Length], instruction = $"failover step {i}", dependsOn = i == 0 ? Array.Empty<string>() : [$"s{i - 1}"] }) };
    var runs = await Task.WhenAll(Enumerable.Range(0, workflowCount).Select(async i =>
    {
        var session = await PostAsync(http, "/v1/sessions", new { owner = "bench", title = $"failover {i}" });
        var request = await PostAsync(http, $"/v1/sessions/{session.GetProperty("id").GetString()}/requests", new { text = $"failover bench {i}", plan });
        return new WorkflowRun(http, session.GetProperty("id").GetString()!, request.GetProperty("workflowId").GetString()!);
    }));
    var watchers = runs.Select(r => watch == "sse" ? r.WatchEventsAsync(stop.Token) : r.PollAsync(stop.Token)).ToArray();

    // Kill once every workflow is past its first step, so each has work in flight and work left.
    var waitRunning = Stopwatch.StartNew();
    while (runs.Any(r => r.StepsCompleted < 1))
    {
        if (waitRunning.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("The workflows did not get past their first step within 60 s.");
        await Task.Delay(50);
    }

    var killedAt = DateTimeOffset.UtcNow;
    var runningFor = waitRunning.Elapsed;
    silo2.Kill();
    Console.Error.WriteLine($"killed silo 2 at {killedAt:HH:mm:ss.fff}; waiting up to {timeout.TotalSeconds:0} s for the workflows to finish");
    await Task.WhenAny(Task.WhenAll(runs.Select(r => r.Finished)), Task.Delay(timeout));
    stop.Cancel();
    await Task.WhenAll(watchers);

    // Final state, read after the watch so reading it cannot have sped recovery up.
    var rows = new List<Outcome>();
    foreach (var run in runs)
    {
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var workflow = await run.GetAsync(read.Token);
        var steps = workflow.GetProperty("steps").EnumerateArray().ToList();
        var agents = await http.GetFromJsonAsync<JsonElement>($"/v1/sessions/{run.SessionId}/agents", read.Token);
        rows.Add(new Outcome(
            run,
            RunningAtKill: !run.FinishedBefore(killedAt),
            Progress: run.FirstProgressAfter(killedAt) - killedAt,
            Status: workflow.GetProperty("status").GetString()!,
            Unfinished: steps.Count(s => s.GetProperty("status").GetString() is "Pending" or "Running"),
            Lost: steps.Count(s => s.GetProperty("status").GetString() is not ("Pending" or "Running" or "Completed")),
            Retried: steps.Count(s => s.GetProperty("attempts").GetInt32() > 1),
            AgentTasks: agents.EnumerateArray().Sum(a => a.GetProperty("tasksCompleted").GetInt32())));
    }

    // A step takes about the model latency; a workflow that needed longer to move was held up by the kill.
    var threshold = TimeSpan.FromTicks(Math.Max(latency.Ticks * 3, TimeSpan.FromSeconds(1).Ticks)) + latency;
    var inFlight = rows.Where(r => r.RunningAtKill).ToList();
    var affected = inFlight.Where(r => r.Progress is not { } p || p > threshold).ToList();
    var waits = affected.Select(r => r.Progress?.TotalSeconds ?? double.PositiveInfinity).Order().ToList();
    // Where each workflow grain started, read from the silo's own log line for it.
    var onSilo2 = runs.Count(r => silo2.FirstLine(DateTimeOffset.MinValue, line => line.Contains($"Workflow {r.WorkflowId} started", StringComparison.Ordinal)) is not null);
    var declaredDead = silo1.FirstLine(killedAt, line => line.Contains($":{silo2Port}", StringComparison.Ordinal) && (line.Contains("Evicting", StringComparison.Ordinal) || line.Contains("dead", StringComparison.OrdinalIgnoreCase)));

    Console.WriteLine($"Failover ({Environment.ProcessorCount} cores{(busy ? ", busy: one spinning thread per core" : "")}, {mode} mode, {workflowCount} workflows of {stepCount} sequential steps, model latency {latency.TotalSeconds:0.###} s, watched by {(watch == "sse" ? "SSE (workflows untouched)" : "polling GET /v1/workflows every 100 ms")})");
    Console.WriteLine();
    Console.WriteLine($"Silo 2 killed {runningFor.TotalSeconds:0.0} s after the workflows started; declared dead by silo 1 after: {(declaredDead is { } dead ? $"{(dead - killedAt).TotalSeconds:0.0} s" : "not seen in its log")}. Workflow grains started on silo 2: {onSilo2}. Affected: running at the kill and no step progress within {threshold.TotalSeconds:0.#} s.");
    Console.WriteLine();
    Console.WriteLine("| mode | workflows | affected | max s to progress | median s | lost | duplicated | all completed | agent tasks / steps |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    Console.WriteLine($"| {mode}{(busy ? " (busy)" : "")} | {workflowCount} ({inFlight.Count} running at the kill) | {affected.Count} | {Seconds(waits.LastOrDefault(double.NaN))} | {Seconds(Median(waits))} | {rows.Sum(r => r.Lost)} | {rows.Sum(r => r.Retried)} | {(rows.All(r => r.Status == "Completed") ? "yes" : $"no: {rows.Count(r => r.Status != "Completed")} not, {rows.Sum(r => r.Unfinished)} steps unfinished after {timeout.TotalSeconds:0} s")} | {rows.Sum(r => r.AgentTasks)} / {workflowCount * stepCount} |");
    Console.WriteLine();
    Console.WriteLine("| workflow | s to progress | status | steps unfinished | steps lost | steps with attempts > 1 | agent tasks completed |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var r in rows)
    {
        Console.WriteLine($"| {r.Run.WorkflowId} | {(r.RunningAtKill ? Seconds(r.Progress?.TotalSeconds ?? double.PositiveInfinity) : "finished before")} | {r.Status} | {r.Unfinished} | {r.Lost} | {r.Retried} | {r.AgentTasks} |");
    }
}
finally
{
    ChildProcesses.StopAll();
}

static string Seconds(double seconds) => double.IsNaN(seconds) ? "—" : double.IsPositiveInfinity(seconds) ? "none seen" : $"{seconds:0.0}";

static double Median(List<double> sorted) => sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
{
    using var response = await http.PostAsJsonAsync(path, body);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}

static string DefaultSiloDll()
{
    // The silo built in this bench's configuration, found from the repository root.
    var configuration = typeof(Outcome).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
        .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Release";
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Orleans.TDeveloper.sln"))) return Path.Combine(dir.FullName, "Silo", "bin", configuration, "net10.0", "TDeveloper.Silo.dll");
    }

    return "TDeveloper.Silo.dll";
}

static string Arg(string[] args, string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}


internal sealed record Outcome(WorkflowRun Run, bool RunningAtKill, TimeSpan? Progress, string Status, int Unfinished, int Lost, int Retried, int AgentTasks);
