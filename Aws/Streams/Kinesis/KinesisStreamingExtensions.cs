using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Streams;

namespace TDeveloper.Aws.Streams.Kinesis;

/// <summary>Registers the Kinesis persistent-stream provider on a silo or a cluster client, in the manner of Orleans' <c>AddPersistentStreams</c>.</summary>
public static class KinesisStreamingExtensions
{
    /// <summary>
    /// Adds Kinesis streams named <paramref name="name"/> to a silo: options validated at start, pulling agents polling every
    /// <see cref="KinesisStreamOptions.PollInterval"/>, queues (shards) spread over the silos by the consistent-ring balancer,
    /// explicit and implicit subscriptions.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider's name, as in <c>GetStreamProvider(name)</c>.</param>
    /// <param name="configureOptions">Configures the options builder (e.g. <c>BindConfiguration(KinesisStreamOptions.Section)</c>).</param>
    /// <param name="configureStream">Further stream settings, or <see langword="null"/>.</param>
    public static ISiloBuilder AddKinesisStreams(this ISiloBuilder builder, string name, Action<OptionsBuilder<KinesisStreamOptions>>? configureOptions = null, Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKinesisStreamOptions(name, configureOptions);
        return builder.AddPersistentStreams(name, KinesisQueueAdapterFactory.Create, stream =>
        {
            stream.ConfigureStreamPubSub(StreamPubSubType.ExplicitGrainBasedAndImplicit);
            stream.UseConsistentRingQueueBalancer();
            stream.ConfigurePullingAgent(agent => agent.Configure<IOptionsMonitor<KinesisStreamOptions>>((o, kinesis) => o.GetQueueMsgsTimerPeriod = kinesis.Get(name).PollInterval));
            configureStream?.Invoke(stream);
        });
    }

    /// <summary>Adds Kinesis streams named <paramref name="name"/> to a cluster client (it writes; the silos read).</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="name">The provider's name.</param>
    /// <param name="configureOptions">Configures the options builder.</param>
    public static IClientBuilder AddKinesisStreams(this IClientBuilder builder, string name, Action<OptionsBuilder<KinesisStreamOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKinesisStreamOptions(name, configureOptions);
        return builder.AddPersistentStreams(name, KinesisQueueAdapterFactory.Create, stream => stream.ConfigureStreamPubSub(StreamPubSubType.ExplicitGrainBasedAndImplicit));
    }

    private static void AddKinesisStreamOptions(this IServiceCollection services, string name, Action<OptionsBuilder<KinesisStreamOptions>>? configureOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<KinesisStreamOptions>(name);
        configureOptions?.Invoke(options);
        options.ValidateDataAnnotationsNamingKeys(KinesisStreamOptions.Section).Validate(o => o.BackoffBase <= o.BackoffMax, "TDeveloper:Aws:Kinesis:BackoffBase must not exceed BackoffMax.").ValidateOnStart();
    }
}
