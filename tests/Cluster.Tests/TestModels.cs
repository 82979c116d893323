using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models;

namespace TDeveloper.Cluster.Tests;

/// <summary>Models the test clusters put behind their scripted or gated models.</summary>
public static class TestModels
{
    /// <summary>The offline model answering after 20 ms.</summary>
    public static OfflineChatClient FastOffline() => new(Options.Create(new OfflineModelOptions { Latency = TimeSpan.FromMilliseconds(20) }), TimeProvider.System);
}
