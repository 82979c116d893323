using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using TDeveloper.Aws.Tests;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary>The real hosts in the AWS mode (<c>TDeveloper:Mode=Aws</c>) on dynalite: a silo, and the Gateway finding it in the membership table.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class AwsModeTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private readonly string _clusterId = "aws-mode-" + Guid.NewGuid().ToString("N")[..8];
    private AwsModeFactory<TDeveloper.Silo.Program> _silo = null!;
    private AwsModeFactory<TDeveloper.Gateway.Program> _gateway = null!;

    public Task InitializeAsync()
    {
        var siloPort = FreePort.Next();
        _silo = new AwsModeFactory<TDeveloper.Silo.Program>(dynalite.ServiceUrl, _clusterId, new()
        {
            ["TDeveloper:Silo:SiloPort"] = siloPort.ToString(),
            ["TDeveloper:Silo:GatewayPort"] = FreePort.Next().ToString(),
            ["TDeveloper:Silo:AdvertisedIPAddress"] = "127.0.0.1",
            ["TDeveloper:Silo:ClusterId"] = _clusterId,
            ["TDeveloper:Models:Offline:Latency"] = "00:00:00.050",
            ["TDeveloper:Providers:Workspaces"] = "Memory", // the S3 store has its own tests on s3rver
        });
        _silo.CreateClient(); // starts the silo, which registers itself in the membership table
        _gateway = new AwsModeFactory<TDeveloper.Gateway.Program>(dynalite.ServiceUrl, _clusterId, new()
        {
            ["TDeveloper:Client:ClusterId"] = _clusterId,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task The_gateway_finds_the_silo_in_dynamodb_and_runs_a_request_kept_in_dynamodb()
    {
        var api = new ApiClient(await _gateway.CreateAuthenticatedClientAsync());
        var session = await api.CreateSessionAsync();

        var submitted = await api.SubmitAsync(session.Id, "add a login API with tests");
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        using var dynamo = dynalite.CreateClient();
        var tables = (await dynamo.ListTablesAsync()).TableNames;
        Assert.Contains("TDeveloperMembership", tables);
        Assert.Contains("TDeveloperGrainState", tables);
        Assert.Contains("TDeveloperReminders", tables);
    }

    private sealed class AwsModeFactory<TEntryPoint>(string serviceUrl, string clusterId, Dictionary<string, string> settings) : WebApplicationFactory<TEntryPoint>
        where TEntryPoint : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("TDeveloper:Mode", "Aws");
            builder.UseSetting("TDeveloper:Aws:ServiceUrl", serviceUrl);
            builder.UseSetting("TDeveloper:Aws:AccessKey", "test");
            builder.UseSetting("TDeveloper:Aws:SecretKey", "test");
            builder.UseSetting("TDeveloper:Aws:CreateIfNotExists", "true");
            builder.UseSetting("TDeveloper:Silo:ServiceId", clusterId);
            builder.UseSetting("TDeveloper:Client:ServiceId", clusterId);
            TestBootstrap.Configure(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
