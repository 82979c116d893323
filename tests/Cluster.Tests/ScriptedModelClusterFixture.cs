using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace TDeveloper.Cluster.Tests;

/// <summary>A two-silo cluster whose model is a <see cref="ScriptedChatClient"/>.</summary>
public sealed class ScriptedModelClusterFixture : FileStoreClusterFixture
{
    public ScriptedChatClient Model { get; } = new(TestModels.FastOffline());

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddTestModel(Model);
}
