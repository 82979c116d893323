using System.ComponentModel.DataAnnotations;
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

namespace TDeveloper.Hosting;

/// <summary>Chooses and wires the silo's providers from configuration (<c>TDeveloper:Mode</c>), so <c>Program</c> stays a few lines.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Adds an Orleans silo configured for <c>TDeveloper:Mode</c>, with the Dashboard and a cluster health check.</summary>
    /// <exception cref="InvalidOperationException">The mode is unknown or a setting is invalid; the message names it.</exception>
    public static TBuilder AddTDeveloperSilo<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var mode = HostingModes.Read(builder.Configuration);
        var endpoints = Bind<SiloEndpointOptions>(builder.Configuration, SiloEndpointOptions.Section);
        builder.UseOrleans(siloBuilder =>
        {
            siloBuilder.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = endpoints.ClusterId;
                o.ServiceId = endpoints.ServiceId;
            });
            if (mode == HostingMode.Aws) siloBuilder.UseAwsProviders(endpoints, Bind<AwsModeOptions>(builder.Configuration, AwsModeOptions.Section));
            else siloBuilder.UseEmbeddedProviders(endpoints, Bind<EmbeddedStorageOptions>(builder.Configuration, EmbeddedStorageOptions.Section), builder.Environment.ContentRootPath);
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
        return siloBuilder;
    }

    private static void UseEmbeddedProviders(this ISiloBuilder siloBuilder, SiloEndpointOptions endpoints, EmbeddedStorageOptions storage, string contentRoot)
    {
        siloBuilder.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, new IPEndPoint(IPAddress.Loopback, endpoints.PrimarySiloPort), endpoints.ServiceId, endpoints.ClusterId);
        if (storage.Provider == StateStore.File)
        {
            var directory = Path.GetFullPath(storage.Directory, contentRoot);
            siloBuilder.AddFileGrainStorage(StorageNames.State, o => o.RootDirectory = directory);
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
            if (!IPAddress.TryParse(address, out var ip)) throw new InvalidOperationException($"TDeveloper:Silo:AdvertisedIPAddress '{address}' is not an IP address.");
            siloBuilder.ConfigureEndpoints(ip, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            siloBuilder.ConfigureEndpoints(endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
        }

        siloBuilder.UseDynamoDBClustering(o => aws.ApplyTo(o).TableName = aws.MembershipTable);
        siloBuilder.AddDynamoDBGrainStorage(StorageNames.State, o => aws.ApplyTo(o).TableName = aws.GrainStateTable);
        siloBuilder.UseDynamoDBReminderService(o => aws.ApplyTo(o).TableName = aws.ReminderTable);
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options!, new ValidationContext(options!), problems, validateAllProperties: true))
        {
            throw new InvalidOperationException($"Invalid settings in '{section}': {string.Join(" ", problems.Select(p => p.ErrorMessage))}");
        }

        return options;
    }
}
