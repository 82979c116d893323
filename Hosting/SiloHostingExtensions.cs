using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;
using TDeveloper.Aws;
using TDeveloper.Aws.Storage;
using TDeveloper.Api;
using TDeveloper.Client;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Options;
using TDeveloper.Hosting.Models;
using TDeveloper.Hosting.Providers;
using TDeveloper.Hosting.Security;
using TDeveloper.Hosting.Streams;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Hosting;

/// <summary>Chooses and wires the silo's providers from configuration (<c>TDeveloper:Mode</c>, <c>TDeveloper:Providers</c>), so <c>Program</c> stays a few lines.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds an Orleans silo whose clustering, grain storage and reminders are the providers named in <c>TDeveloper:Providers</c>
    /// (defaults from <c>TDeveloper:Mode</c>), with the Dashboard and a cluster health check.
    /// </summary>
    /// <exception cref="InvalidOperationException">The mode or a provider name is unknown; the message names the key.</exception>
    /// <exception cref="OptionsValidationException">A setting read before the silo is built is invalid; the message names the key.</exception>
    public static TBuilder AddTDeveloperSilo<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var mode = HostingModes.Read(configuration);
        var endpoints = configuration.GetValidated<SiloEndpointOptions>(SiloEndpointOptions.Section);
        builder.Services.AddValidatedOptions<SiloEndpointOptions>(SiloEndpointOptions.Section);
        if (mode == HostingMode.Aws) configuration.GetValidated(AwsModeOptions.Section, new AwsModeOptionsValidator());
        builder.Services.AddSiloTimings(configuration);
        builder.UseOrleans(siloBuilder =>
        {
            siloBuilder.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = endpoints.ClusterId;
                o.ServiceId = endpoints.ServiceId;
            });
            var providers = SiloProviders.Add(siloBuilder, configuration, mode);
            if (!string.Equals(providers[ProviderKinds.Clustering], ProviderNames.Localhost, StringComparison.OrdinalIgnoreCase))
            {
                siloBuilder.ConfigureEndpoints(endpoints);
                siloBuilder.Services.DecorateMembershipTableForShutdown();
            }

            var localhost = string.Equals(providers[ProviderKinds.Clustering], ProviderNames.Localhost, StringComparison.OrdinalIgnoreCase);
            if (Kubernetes.KubernetesHosting.IsEnabled(configuration, Environment.GetEnvironmentVariable, localhost)) siloBuilder.UseKubernetesHosting();
            if (mode == HostingMode.Aws) siloBuilder.AddKinesisSessionStreams(configuration);
            siloBuilder.AddTDeveloperRuntime();
            siloBuilder.AddDashboard();
        });
        builder.Services.AddHealthChecks().AddOrleansCluster();
        Health.SiloHealthChecksBuilderExtensions.AddSiloDependencies(builder.Services.AddHealthChecks());
        if (mode == HostingMode.Embedded) builder.Services.AddTDeveloperEmbeddedBootstrap();
        return builder;
    }

    /// <summary>
    /// Adds what every T-Developer silo needs whatever its providers: the event streams, the grains'
    /// options (reminder periods checked against <see cref="ReminderOptions.MinimumReminderPeriod"/>), the model and
    /// trace propagation. The host (or a test cluster) adds clustering, the <see cref="StorageNames.State"/> store and reminders.
    /// </summary>
    public static ISiloBuilder AddTDeveloperRuntime(this ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        siloBuilder.AddMemoryGrainStorage("PubSubStore");

        // Our File and DynamoDB stores default to this by themselves; keyed under the state store's name it also reaches
        // Orleans' Memory provider, so every store writes the format GrainStateSerializers documents, not the silo's JSON.
        siloBuilder.Services.TryAddKeyedSingleton<IGrainStorageSerializer>(StorageNames.State, (services, _) => GrainStateSerializers.CreateDefault(services));
        if (!siloBuilder.Services.HasStreamProvider(SessionEventStream.ProviderName)) siloBuilder.AddMemoryStreams(SessionEventStream.ProviderName);
        siloBuilder.AddActivityPropagation();
        siloBuilder.Services.AddTDeveloperGrains().AddTDeveloperModel().AddTDeveloperKeys();
        siloBuilder.AddTDeveloperAccessControl();
        siloBuilder.Services.AddSingleton<ReminderPeriodValidator>();
        siloBuilder.Services.AddSingleton<IValidateOptions<WorkflowOptions>>(services => services.GetRequiredService<ReminderPeriodValidator>());
        siloBuilder.Services.AddSingleton<IValidateOptions<SessionOptions>>(services => services.GetRequiredService<ReminderPeriodValidator>());
        return siloBuilder;
    }

    /// <summary>Applies <see cref="SiloShutdownOptions"/> to the host and <see cref="SiloMembershipOptions"/> to Orleans' failure detection.</summary>
    private static void AddSiloTimings(this IServiceCollection services, IConfiguration configuration)
    {
        var shutdown = configuration.GetValidated<SiloShutdownOptions>(SiloShutdownOptions.Section);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown.Timeout);
        services.AddValidatedOptions<SiloShutdownOptions>(SiloShutdownOptions.Section);
        services.AddValidatedOptions<SiloMembershipOptions>(SiloMembershipOptions.Section);
        services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<SiloMembershipOptions>>((o, membership) =>
        {
            o.ProbeTimeout = membership.Value.ProbeTimeout;
            o.NumMissedProbesLimit = membership.Value.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = membership.Value.NumVotesForDeathDeclaration;
        });
    }

    /// <summary>Listens on every address and advertises <see cref="SiloEndpointOptions.AdvertisedIPAddress"/> (else this host's first IPv4 address).</summary>
    private static void ConfigureEndpoints(this ISiloBuilder siloBuilder, SiloEndpointOptions endpoints)
    {
        if (endpoints.AdvertisedIPAddress is { Length: > 0 } address)
        {
            siloBuilder.ConfigureEndpoints(IPAddress.Parse(address), endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            siloBuilder.ConfigureEndpoints(endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
        }
    }
}
