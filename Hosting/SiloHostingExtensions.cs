using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using TDeveloper.Aws;
using TDeveloper.Aws.Membership;
using TDeveloper.Aws.Reminders;
using TDeveloper.Aws.Storage;
using TDeveloper.Client;
using TDeveloper.Grains;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Hosting.Models;
using TDeveloper.Hosting.Storage;
using TDeveloper.Hosting.Validation;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Options;

namespace TDeveloper.Hosting;

/// <summary>Chooses and wires the silo's providers from configuration (<c>TDeveloper:Mode</c>), so <c>Program</c> stays a few lines.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Adds an Orleans silo configured for <c>TDeveloper:Mode</c>, with the Dashboard and a cluster health check.</summary>
    /// <exception cref="InvalidOperationException">The mode is unknown or a setting is invalid; the message names it.</exception>
    public static TBuilder AddTDeveloperSilo<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var mode = HostingModes.Read(builder.Configuration);
        var endpoints = builder.Configuration.GetValidated<SiloEndpointOptions>(SiloEndpointOptions.Section);
        builder.Services.AddValidatedOptions<SiloEndpointOptions>(SiloEndpointOptions.Section);
        builder.UseOrleans(siloBuilder =>
        {
            siloBuilder.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = endpoints.ClusterId;
                o.ServiceId = endpoints.ServiceId;
            });
            if (mode == HostingMode.Aws) siloBuilder.UseAwsProviders(endpoints, builder.Configuration.GetValidated(AwsModeOptions.Section, new AwsModeOptionsValidator()));
            else siloBuilder.UseEmbeddedProviders(endpoints, builder.Configuration.GetValidated<EmbeddedStorageOptions>(EmbeddedStorageOptions.Section), builder.Configuration);
            siloBuilder.AddTDeveloperRuntime();
            siloBuilder.AddDashboard();
        });
        builder.Services.AddHealthChecks().AddOrleansCluster();
        return builder;
    }

    /// <summary>
    /// Adds what every T-Developer silo needs whatever its providers: the event streams, the grains'
    /// options, the model and trace propagation. The host (or a test cluster) adds clustering,
    /// the <see cref="StorageNames.State"/> store and reminders.
    /// </summary>
    public static ISiloBuilder AddTDeveloperRuntime(this ISiloBuilder siloBuilder)
    {
        siloBuilder.AddMemoryGrainStorage("PubSubStore");
        siloBuilder.AddMemoryStreams(SessionEventStream.ProviderName);
        siloBuilder.AddActivityPropagation();
        siloBuilder.Services.AddTDeveloperGrains().AddTDeveloperModel();
        siloBuilder.Services.AddSingleton<ReminderPeriodValidator>();
        siloBuilder.Services.AddSingleton<IValidateOptions<WorkflowOptions>>(services => services.GetRequiredService<ReminderPeriodValidator>());
        siloBuilder.Services.AddSingleton<IValidateOptions<SessionOptions>>(services => services.GetRequiredService<ReminderPeriodValidator>());
        return siloBuilder;
    }

    private static void UseEmbeddedProviders(this ISiloBuilder siloBuilder, SiloEndpointOptions endpoints, EmbeddedStorageOptions storage, IConfiguration configuration)
    {
        siloBuilder.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, new IPEndPoint(IPAddress.Loopback, endpoints.PrimarySiloPort), endpoints.ServiceId, endpoints.ClusterId);
        if (storage.Provider == StateStore.File)
        {
            siloBuilder.AddFileGrainStorage(StorageNames.State, configuration.GetSection(FileGrainStorageOptions.Section));
        }
        else
        {
            siloBuilder.AddMemoryGrainStorage(StorageNames.State);
        }

        siloBuilder.UseInMemoryReminderService();
    }

    private static void UseAwsProviders(this ISiloBuilder siloBuilder, SiloEndpointOptions endpoints, AwsModeOptions aws)
    {
        if (endpoints.AdvertisedIPAddress is { Length: > 0 } address)
        {
            siloBuilder.ConfigureEndpoints(IPAddress.Parse(address), endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            siloBuilder.ConfigureEndpoints(endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
        }

        siloBuilder.UseDynamoDBClustering(o => aws.ApplyTo(o).TableName = aws.MembershipTable);
        siloBuilder.AddDynamoDBGrainStorage(StorageNames.State, o => aws.ApplyTo(o).TableName = aws.GrainStateTable);
        siloBuilder.UseDynamoDBReminderService(o => aws.ApplyTo(o).TableName = aws.ReminderTable);
    }
}
