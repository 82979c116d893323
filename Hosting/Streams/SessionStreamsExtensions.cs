using Orleans.Streams;
using TDeveloper.Aws.Streams.Kinesis;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Hosting.Streams;

/// <summary>
/// Chooses the provider of the session event streams (<see cref="SessionEventStream.ProviderName"/>): Kinesis in the AWS mode
/// (section <see cref="KinesisStreamOptions.Section"/>), memory streams otherwise.
/// </summary>
public static class SessionStreamsExtensions
{
    /// <summary>Adds Kinesis session streams to a silo; the runtime then adds no memory streams.</summary>
    public static ISiloBuilder AddKinesisSessionStreams(this ISiloBuilder siloBuilder, IConfiguration configuration) =>
        siloBuilder.AddKinesisStreams(SessionEventStream.ProviderName, o => o.BindConfiguration(KinesisStreamOptions.Section).PostConfigure(k => Inherit(k, configuration)));

    /// <summary>Adds Kinesis session streams to a cluster client (the Gateway's); the client then adds no memory streams.</summary>
    public static IClientBuilder AddKinesisSessionStreams(this IClientBuilder clientBuilder, IConfiguration configuration) =>
        clientBuilder.AddKinesisStreams(SessionEventStream.ProviderName, o => o.BindConfiguration(KinesisStreamOptions.Section).PostConfigure(k => Inherit(k, configuration)));

    /// <summary>Gets whether a stream provider named <paramref name="name"/> is already registered.</summary>
    public static bool HasStreamProvider(this IServiceCollection services, string name) =>
        services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, name) && d.ServiceType == typeof(IStreamProvider));

    // The region and the emulator keys of TDeveloper:Aws count for Kinesis too unless its own section sets them.
    private static void Inherit(KinesisStreamOptions options, IConfiguration configuration)
    {
        // An empty value (as appsettings.json lists them) counts as unset, so the TDeveloper:Aws one applies.
        options.Region = NullIfEmpty(options.Region) ?? NullIfEmpty(configuration["TDeveloper:Aws:Region"]);
        options.AccessKey = NullIfEmpty(options.AccessKey) ?? NullIfEmpty(configuration["TDeveloper:Aws:AccessKey"]);
        options.SecretKey = NullIfEmpty(options.SecretKey) ?? NullIfEmpty(configuration["TDeveloper:Aws:SecretKey"]);
        options.ServiceUrl = NullIfEmpty(options.ServiceUrl);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
