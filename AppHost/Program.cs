using Microsoft.Extensions.DependencyInjection;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// The one-command local AWS-mode cluster, beside deploy/local-cluster.sh --aws: the emulators run as executables (no
// Docker), then two silos against them, then the Gateway; the Aspire dashboard shows their logs, traces and metrics.
//   dotnet run --project AppHost        (dashboard: http://localhost:15888)
// Ports are fixed and the same as deploy/local-cluster.sh's, so the two are interchangeable (run one at a time).
var builder = DistributedApplication.CreateBuilder(args);
var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
var tools = Path.Combine(root, "tests", "tools", "node_modules");
var data = Path.Combine(root, "data", "apphost");

const int DynamoPort = 4567, S3Port = 4568, KinesisPort = 4569;
const string S3Bucket = "tdeveloper-workspaces";
Directory.CreateDirectory(Path.Combine(data, "dynalite"));
Directory.CreateDirectory(Path.Combine(data, "s3rver"));

// The emulators, pinned in tests/tools/package.json (run `npm ci` there first). Each is healthy once its port accepts.
var dynalite = Emulator("dynalite", Path.Combine(tools, "dynalite", "cli.js"), DynamoPort,
    "--port", $"{DynamoPort}", "--path", Path.Combine(data, "dynalite"));
var s3rver = Emulator("s3rver", Path.Combine(tools, "s3rver", "bin", "s3rver.js"), S3Port,
    "--silent", "--address", "127.0.0.1", "--port", $"{S3Port}", "--directory", Path.Combine(data, "s3rver"));
var kinesalite = Emulator("kinesalite", Path.Combine(tools, "kinesalite", "cli.js"), KinesisPort,
    "--port", $"{KinesisPort}", "--shardLimit", "100");

// What every silo and the Gateway share: the AWS mode against the emulators and one local key file.
string[] common =
[
    "--TDeveloper:Mode=Aws",
    $"--TDeveloper:Security:LocalKeys:Path={Path.Combine(root, "data", "keys", "master-keys.json")}",
    $"--TDeveloper:Aws:ServiceUrl=http://127.0.0.1:{DynamoPort}",
    "--TDeveloper:Aws:Region=us-east-1",
    "--TDeveloper:Aws:CreateIfNotExists=true",
    "--TDeveloper:Silo:AdvertisedIPAddress=127.0.0.1",
    "--TDeveloper:Providers:Keys=Local",
    "--TDeveloper:Providers:Workspaces=S3",
    $"--TDeveloper:Workspaces:S3:Bucket={S3Bucket}",
    $"--TDeveloper:Workspaces:S3:ServiceUrl=http://127.0.0.1:{S3Port}",
    "--TDeveloper:Workspaces:S3:ForcePathStyle=true",
    "--TDeveloper:Workspaces:S3:CreateBucketIfNotExists=true",
    "--TDeveloper:Workspaces:S3:AccessKey=S3RVER",
    "--TDeveloper:Workspaces:S3:SecretKey=S3RVER",
    // The AWS mode streams session events through Kinesis (Aws/Streams/Kinesis); the first silo creates the stream.
    $"--TDeveloper:Aws:Kinesis:ServiceUrl=http://127.0.0.1:{KinesisPort}",
    "--TDeveloper:Aws:Kinesis:CreateIfNotExists=true",
];

var silo1 = Silo("silo1", apiPort: 5080, managementPort: 5180, grpcPort: 5082, siloPort: 11111, gatewayPort: 30000)
    .WaitFor(dynalite).WaitFor(s3rver).WaitFor(kinesalite);
// The second silo finds the first in the membership table; starting it after the first keeps the table's creation single.
// WaitForStart, not WaitFor: in a run here silo1's /health answered 200 but Aspire never marked it healthy (docs/reach/apphost.md).
var silo2 = Silo("silo2", apiPort: 5081, managementPort: 5181, grpcPort: 5083, siloPort: 11112, gatewayPort: 30001).WaitForStart(silo1);

builder.AddProject<Projects.Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: 5090, isProxied: false)
    .WithHttpHealthCheck("/health")
    .WithEnvironment("AWS_ACCESS_KEY_ID", "local").WithEnvironment("AWS_SECRET_ACCESS_KEY", "local")
    .WithArgs([.. common, "--urls=http://localhost:5090", "--TDeveloper:Management:Urls=http://localhost:5190", "--TDeveloper:Grpc:Urls=http://localhost:5092",
        "--TDeveloper:Client:Gateways:0=127.0.0.1:30000", "--TDeveloper:Client:Gateways:1=127.0.0.1:30001"])
    .WaitForStart(silo1).WaitForStart(silo2); // its client retries until a silo gateway answers

builder.Build().Run();

IResourceBuilder<ProjectResource> Silo(string name, int apiPort, int managementPort, int grpcPort, int siloPort, int gatewayPort) =>
    builder.AddProject<Projects.Silo>(name, launchProfileName: null)
        .WithHttpEndpoint(port: apiPort, isProxied: false)
        .WithHttpHealthCheck("/health")
        .WithEnvironment("AWS_ACCESS_KEY_ID", "local").WithEnvironment("AWS_SECRET_ACCESS_KEY", "local")
        .WithArgs([.. common, $"--urls=http://localhost:{apiPort}", $"--TDeveloper:Management:Urls=http://localhost:{managementPort}",
            $"--TDeveloper:Grpc:Urls=http://localhost:{grpcPort}", $"--TDeveloper:Silo:SiloPort={siloPort}", $"--TDeveloper:Silo:GatewayPort={gatewayPort}"]);

IResourceBuilder<ExecutableResource> Emulator(string name, string script, int port, params string[] arguments)
{
    var check = $"{name}-listening";
    builder.Services.AddHealthChecks().AddCheck(check, () => Listening(port));
    return builder.AddExecutable(name, "node", root, [script, .. arguments]).WithHealthCheck(check);
}

static HealthCheckResult Listening(int port)
{
    try
    {
        using var client = new TcpClient();
        client.Connect("127.0.0.1", port);
        return HealthCheckResult.Healthy();
    }
    catch (SocketException e)
    {
        return HealthCheckResult.Unhealthy($"nothing listens on 127.0.0.1:{port} yet ({e.SocketErrorCode})");
    }
}
