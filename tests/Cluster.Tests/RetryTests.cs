using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;

namespace TDeveloper.Cluster.Tests;

public sealed class RetryTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private readonly FlakyChatClient _model = new(new OfflineChatClient(Options.Create(new OfflineModelOptions { Latency = TimeSpan.Zero }), TimeProvider.System));
    private Orleans.TestingHost.InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TestClusterFactory.StartAsync(_state.Path, configureSiloServices: services => services.AddSingleton<IChatClient>(_model));

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task A_throttled_step_is_retried_and_the_workflow_completes_with_the_error_kept()
    {
        var session = await SessionFlow.CreateSessionAsync(_cluster.Client);
        var finished = await SessionFlow.FinishedAsync(await SessionFlow.SubmitAsync(_cluster.Client, session, "implement the retry path"));

        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        var step = Assert.Single(finished.Steps);
        Assert.Equal(StepStatus.Completed, step.Status);
        Assert.Equal(2, step.Attempts);
        Assert.Contains("rate limited", step.Error);
        Assert.Equal(2, _model.CallsFor("Implement this request: implement the retry path"));
    }
}
