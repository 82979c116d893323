using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using TDeveloper.Grains.Models;

namespace TDeveloper.Cluster.Tests;

/// <summary>A two-silo cluster whose model is a <see cref="ScriptedChatClient"/>.</summary>
public sealed class ScriptedModelClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _state = new();

    public ScriptedChatClient Model { get; } = new(new OfflineChatClient(Options.Create(new OfflineModelOptions { Latency = TimeSpan.FromMilliseconds(20) }), TimeProvider.System));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await TestClusterFactory.StartAsync(_state.Path, configureSiloServices: services => services.AddSingleton<IChatClient>(Model));

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _state.Dispose();
    }
}
