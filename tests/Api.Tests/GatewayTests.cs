using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

public sealed class GatewayTests : IAsyncLifetime
{
    private readonly SiloAppFactory _silo = new();
    private GatewayAppFactory _gateway = null!;

    public Task InitializeAsync()
    {
        _silo.CreateClient(); // starts the silo, so the gateway has something to connect to
        _gateway = new GatewayAppFactory(_silo.GatewayPort, clusterId: _silo.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterOptions>>().Value.ClusterId);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task The_gateway_runs_a_request_through_an_external_orleans_client()
    {
        var api = new ApiClient(await _gateway.CreateAuthenticatedClientAsync());
        var session = await api.CreateSessionAsync();

        var submitted = await api.SubmitAsync(session.Id, "design a cache");
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        var health = await api.Http.GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }
}
