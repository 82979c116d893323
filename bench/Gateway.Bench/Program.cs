using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Net.Client;
using TDeveloper.Api;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Hosting;
using TDeveloper.ServiceDefaults;
using static TDeveloper.Bench.BenchHelpers;
using V1 = TDeveloper.Api.Grpc.V1;

// Gateway throughput: submit (a request planned by the offline model without latency, its workflow started) and status (read a
// finished workflow) over HTTP/1.1 JSON and over gRPC (HTTP/2) against a real Kestrel host on loopback, in this process, beside
// the same calls made directly on ISessionGrain / IWorkflowGrain through the host's cluster client, all in the same run.
// Every call carries the same caller: a bearer token over HTTP and gRPC, the caller context for the direct calls.
// Usage: dotnet run -c Release --project bench/Gateway.Bench [-- --submits 300 --reads 3000 --concurrency 16]
var submits = ArgValue(args, "--submits", 300);
var reads = ArgValue(args, "--reads", 3000);
var concurrency = ArgValue(args, "--concurrency", 16);
const string Tenant = "bench";

var (httpPort, grpcPort, managementPort, siloPort) = (FreePort(), FreePort(), FreePort(), FreePort());
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Critical);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Urls"] = $"http://127.0.0.1:{httpPort}",
    ["TDeveloper:Grpc:Urls"] = $"http://127.0.0.1:{grpcPort}",
    ["TDeveloper:Management:Urls"] = $"http://127.0.0.1:{managementPort}",
    ["TDeveloper:Silo:SiloPort"] = siloPort.ToString(),
    ["TDeveloper:Silo:PrimarySiloPort"] = siloPort.ToString(),
    ["TDeveloper:Silo:GatewayPort"] = FreePort().ToString(),
    ["TDeveloper:Silo:ClusterId"] = "gateway-bench",
    ["TDeveloper:Providers:GrainStorage"] = "Memory",
    ["TDeveloper:Providers:Reminders"] = "Memory",
    ["TDeveloper:Models:Offline:Latency"] = "00:00:00",
    ["TDeveloper:Workspaces:Directory"] = Directory.CreateTempSubdirectory("tdev-gateway-bench-").FullName,
    ["TDeveloper:Sessions:MaxConcurrentPerTenant"] = "100000",
    ["TDeveloper:Sessions:MaxConcurrentPerCluster"] = "100000",
    ["TDeveloper:Security:Bootstrap:AdminKeyFile"] = "",
    ["TDeveloper:Api:RateLimits:Default:PermitLimit"] = "100000000",
    ["TDeveloper:Api:RateLimits:ApiKey:PermitLimit"] = "100000000",
    ["TDeveloper:Api:RateLimits:Sensitive:PermitLimit"] = "100000000",
});
builder.AddServiceDefaults();
builder.AddTDeveloperSilo();
builder.Services.AddTDeveloperApi();
await using var app = builder.Build();
app.MapDefaultEndpoints();
app.UseTDeveloperApi();
app.MapTDeveloperApi();
await app.StartAsync();

var grains = app.Services.GetRequiredService<IClusterClient>();
var key = await app.Services.GetRequiredService<ApiKeyIssuer>().CreateAsync(Tenant, "bench", [BuiltInRoles.Admin], expiresAt: null, createdBy: "bench");
var summary = (await app.Services.GetRequiredService<ApiKeyIssuer>().ListAsync(Tenant)).Single(k => k.Id == key.Id);
var (tokens, _) = await app.Services.GetRequiredService<TokenIssuer>().StartSessionAsync(summary, clientIp: null);
var caller = new CallerIdentity { Tenant = Tenant, Subject = summary.Id, Roles = [BuiltInRoles.Admin] };

using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}", new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
});
var grpcHeaders = new Grpc.Core.Metadata { { "authorization", $"Bearer {tokens.AccessToken}" } };
var grpcSessions = new V1.Sessions.SessionsClient(channel);
var grpcWorkflows = new V1.Workflows.WorkflowsClient(channel);
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

var ways = new (string Name, Func<string, Task<string>> Submit, Func<string, Task> Status)[]
{
    ("direct grain call", async session =>
    {
        CallerContext.Set(caller);
        var result = await grains.GetGrain<ISessionGrain>(GrainKeys.Session(Tenant, session)).SubmitRequestAsync(new SubmitRequestInput { Text = "add a login API with tests" });
        return result.IsOk ? result.Value!.WorkflowId : throw new InvalidOperationException($"{result.Outcome}: {result.Error}");
    }, async workflow =>
    {
        CallerContext.Set(caller);
        _ = await grains.GetGrain<IWorkflowGrain>(GrainKeys.Workflow(Tenant, workflow)).GetAsync() ?? throw new InvalidOperationException("no workflow");
    }),
    ("HTTP/1.1 JSON", async session =>
    {
        using var response = await http.PostAsJsonAsync($"/v1/sessions/{session}/requests", new { text = "add a login API with tests" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SubmittedRequest>(json))!.WorkflowId;
    }, async workflow =>
    {
        using var response = await http.GetAsync($"/v1/workflows/{workflow}");
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsByteArrayAsync();
    }),
    ("gRPC (HTTP/2)", async session =>
        (await grpcSessions.SubmitRequestAsync(new V1.SubmitRequestRequest { SessionId = session, Text = "add a login API with tests" }, grpcHeaders)).WorkflowId,
     async workflow => _ = await grpcWorkflows.GetWorkflowAsync(new V1.WorkflowRef { WorkflowId = workflow }, grpcHeaders)),
};

// Warm every path (JIT, connections, activations) before anything is timed.
foreach (var way in ways)
{
    var warm = await CreateSessionsAsync(8);
    var ids = await Task.WhenAll(warm.Select(way.Submit));
    await WaitFinishedAsync(ids);
    foreach (var id in ids) await way.Status(id);
}

var rows = new List<string>();
foreach (var way in ways)
{
    var sessions = await CreateSessionsAsync(submits); // one each, created outside the timed part, so no session limit is met
    var (submitRate, submitLatencies, workflowIds) = await MeasureAsync(sessions, way.Submit);
    await WaitFinishedAsync(workflowIds); // the runs end before reads are timed, so they do not share the CPU
    var targets = Enumerable.Range(0, reads).Select(i => workflowIds[i % workflowIds.Count]).ToList();
    var (statusRate, statusLatencies, _) = await MeasureAsync(targets, async id => { await way.Status(id); return id; });
    rows.Add($"| {way.Name} | {submitRate:0} | {Percentile(submitLatencies, 0.50):0.00} | {Percentile(submitLatencies, 0.99):0.00} | {statusRate:0} | {Percentile(statusLatencies, 0.50):0.00} | {Percentile(statusLatencies, 0.99):0.00} |");
}

Console.WriteLine($"Gateway throughput ({Environment.ProcessorCount} cores, one process: silo + Kestrel on loopback, memory storage, offline model without latency; {submits} submits and {reads} status reads per way, {concurrency} in flight)");
Console.WriteLine();
Console.WriteLine("| way in | submit req/s | submit p50 ms | submit p99 ms | status req/s | status p50 ms | status p99 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);
await app.StopAsync();

async Task<List<string>> CreateSessionsAsync(int count)
{
    CallerContext.Set(caller);
    return [.. await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
    {
        var id = GrainKeys.NewSessionId();
        var created = await grains.GetGrain<ISessionGrain>(GrainKeys.Session(Tenant, id)).CreateAsync(new CreateSessionInput { Owner = "bench" });
        return created.IsOk ? id : throw new InvalidOperationException($"session: {created.Outcome} {created.Error}");
    }))];
}

async Task WaitFinishedAsync(IEnumerable<string> workflowIds)
{
    CallerContext.Set(caller);
    await Task.WhenAll(workflowIds.Select(async id =>
    {
        var workflow = grains.GetGrain<IWorkflowGrain>(GrainKeys.Workflow(Tenant, id));
        while (await workflow.GetStatusAsync() is WorkflowStatus.None or WorkflowStatus.Queued or WorkflowStatus.Running) await Task.Delay(20);
    }));
}

async Task<(double Rate, double[] LatenciesMs, List<string> Results)> MeasureAsync(IReadOnlyList<string> inputs, Func<string, Task<string>> call)
{
    var latencies = new double[inputs.Count];
    var results = new string[inputs.Count];
    var next = -1;
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < inputs.Count)
        {
            var at = Stopwatch.GetTimestamp();
            results[i] = await call(inputs[i]);
            latencies[i] = Stopwatch.GetElapsedTime(at).TotalMilliseconds;
        }
    })));
    return (inputs.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies, [.. results]);
}

static double Percentile(double[] values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
