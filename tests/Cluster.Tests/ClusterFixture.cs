using Orleans.TestingHost;

namespace TDeveloper.Cluster.Tests;

/// <summary>A two-silo cluster shared by the tests of a class; each test makes its own sessions.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _state = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await TestClusterFactory.StartAsync(_state.Path);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _state.Dispose();
    }
}
