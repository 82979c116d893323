using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models;

namespace TDeveloper.Cluster.Tests;

/// <summary>Models the test clusters put behind their scripted or gated models.</summary>
public static class TestModels
{
    /// <summary>The offline model answering after 20 ms.</summary>
    public static OfflineChatClient FastOffline() => new(Options.Create(new OfflineModelOptions { Latency = TimeSpan.FromMilliseconds(20) }), TimeProvider.System);

    /// <summary>Puts <paramref name="model"/> in place of the catalog's default (offline) model, the way an embedder brings its own client.</summary>
    public static IServiceCollection AddTestModel(this IServiceCollection services, IChatClient model) => services.AddKeyedSingleton(OfflineChatClient.ModelId, model);
}
