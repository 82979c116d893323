using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace TDeveloper.Cluster.Tests;

/// <summary>
/// An in-process cluster with its state in a temporary directory (see <see cref="TestClusterFactory.StartAsync"/>),
/// deleted afterwards. Use it as a class fixture, or derive a test class from it for a cluster per test.
/// </summary>
public abstract class FileStoreClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _state = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    protected virtual short Silos => 2;

    protected virtual TimeSpan? ModelLatency => null;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync() => Cluster = await TestClusterFactory.StartAsync(_state.Path, Silos, ModelLatency, ConfigureSiloServices, Settings);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _state.Dispose();
    }

    protected virtual void ConfigureSiloServices(IServiceCollection services)
    {
    }
}

/// <summary>Two silos and a fast offline model, shared by the tests of a class.</summary>
public sealed class ClusterFixture : FileStoreClusterFixture
{
    public GrainCallProbe Probe { get; } = new();

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(Probe);
}

/// <summary>Two silos whose model answers only what the test lets through (<see cref="GatedChatClient"/>), shared by the tests of a class.</summary>
public sealed class GatedModelClusterFixture : FileStoreClusterFixture
{
    public GatedChatClient Model { get; } = new(TestModels.FastOffline());

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddTestModel(Model);
}
