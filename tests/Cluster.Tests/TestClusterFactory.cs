using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using TDeveloper.Grains;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Hosting;
using TDeveloper.Hosting.Storage;

namespace TDeveloper.Cluster.Tests;

/// <summary>Builds in-process test clusters wired like a real silo (<see cref="SiloHostingExtensions.AddTDeveloperRuntime"/>), with timings shortened for tests.</summary>
public static class TestClusterFactory
{
    /// <summary>
    /// Starts a cluster with state in <paramref name="stateDirectory"/> (file store) and reminders in a
    /// <see cref="SharedReminderTable"/>: both outlive any one silo, as durable stores would.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(string stateDirectory, short silos = 2, TimeSpan? modelLatency = null, Action<IServiceCollection>? configureSiloServices = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var reminders = new SharedReminderTable();
        var builder = CreateBuilder(silos, modelLatency, settings);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFileGrainStorage(StorageNames.State, o => o.Directory = stateDirectory);
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable>(reminders);
            configureSiloServices?.Invoke(silo.Services);
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// Creates a builder with the T-Developer runtime, fast failure detection, 1 s reminder periods and a
    /// fast offline model; the caller adds the <see cref="StorageNames.State"/> store and reminders.
    /// </summary>
    public static InProcessTestClusterBuilder CreateBuilder(short silos, TimeSpan? modelLatency, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["TDeveloper:Models:Offline:Latency"] = (modelLatency ?? TimeSpan.FromMilliseconds(50)).ToString(),
            ["TDeveloper:Sessions:HeartbeatInterval"] = "00:00:01",
            ["TDeveloper:Sessions:CheckpointInterval"] = "00:00:02",
            ["TDeveloper:Workflows:ResumeInterval"] = "00:00:02",
            ["TDeveloper:Workflows:RetryBaseDelay"] = "00:00:00.100",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            if (Environment.GetEnvironmentVariable("TDEV_TEST_LOG") == "1") host.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Orleans", LogLevel.Warning).AddFilter("TDeveloper", LogLevel.Debug);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            silo.AddTDeveloperRuntime();
        });
        builder.ConfigureClient(client =>
        {
            client.AddMemoryStreams(SessionEventStream.ProviderName);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        return builder;
    }
}
