using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using TDeveloper.Aws.Streams.Kinesis;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Hosting;

namespace TDeveloper.Aws.Tests.Streams;

/// <summary>The AWS mode puts the session streams on Kinesis in the silo and in the Gateway's client; the embedded mode keeps memory streams.</summary>
public class KinesisHostingTests
{
    [Fact]
    public void The_aws_mode_silo_and_cluster_client_use_kinesis_for_session_streams_and_embedded_does_not()
    {
        using var silo = Build(HostingMode.Aws, b => b.AddTDeveloperSilo());
        var factory = Assert.IsType<KinesisQueueAdapterFactory>(silo.Services.GetRequiredKeyedService<IQueueAdapterFactory>(SessionEventStream.ProviderName));
        Assert.Equal("tdev-events-test", factory.Client.StreamName);
        var options = silo.Services.GetRequiredService<IOptionsMonitor<KinesisStreamOptions>>().Get(SessionEventStream.ProviderName);
        Assert.Equal("eu-west-1", options.Region);

        using var gateway = Build(HostingMode.Aws, b => b.AddTDeveloperClusterClient());
        Assert.IsType<KinesisQueueAdapterFactory>(gateway.Services.GetRequiredKeyedService<IQueueAdapterFactory>(SessionEventStream.ProviderName));

        using var embedded = Build(HostingMode.Embedded, b => b.AddTDeveloperSilo());
        Assert.IsNotType<KinesisQueueAdapterFactory>(embedded.Services.GetRequiredKeyedService<IQueueAdapterFactory>(SessionEventStream.ProviderName));
    }

    [Fact]
    public async Task Invalid_kinesis_settings_stop_the_silo_before_it_starts_and_name_the_key()
    {
        using var silo = Build(HostingMode.Aws, b => b.AddTDeveloperSilo(), new() { ["TDeveloper:Aws:Kinesis:StreamName"] = "no spaces allowed" });

        // Start-up validation reports every invalid section at once (the test leaves the S3 buckets unset too).
        var error = await Assert.ThrowsAnyAsync<Exception>(() => silo.StartAsync());

        Assert.Contains("TDeveloper:Aws:Kinesis:StreamName must be", error.ToString());
    }

    private static IHost Build(HostingMode mode, Action<HostApplicationBuilder> configure, Dictionary<string, string?>? extra = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["TDeveloper:Mode"] = mode.ToString(),
            ["TDeveloper:Aws:ServiceUrl"] = "http://127.0.0.1:1",
            ["TDeveloper:Aws:Region"] = "eu-west-1",
            ["TDeveloper:Aws:Kinesis:ServiceUrl"] = "http://127.0.0.1:1",
            ["TDeveloper:Aws:Kinesis:StreamName"] = "tdev-events-test",
            ["TDeveloper:Security:Kms:KeyId"] = "alias/tdeveloper-test",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        configure(builder);
        return builder.Build();
    }
}
