using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models;

namespace TDeveloper.Cluster.Tests;

/// <summary>A two-silo cluster whose model is a <see cref="ScriptedChatClient"/>.</summary>
public sealed class ScriptedModelClusterFixture : FileStoreClusterFixture
{
    public ScriptedChatClient Model { get; } = new(new OfflineChatClient(Options.Create(new OfflineModelOptions { Latency = TimeSpan.FromMilliseconds(20) }), TimeProvider.System));

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddSingleton<IChatClient>(Model);
}
