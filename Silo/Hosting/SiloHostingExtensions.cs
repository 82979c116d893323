using System.ComponentModel.DataAnnotations;
using System.Net;
using Orleans.Dashboard;
using TDeveloper.Client;
using TDeveloper.Grains;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Silo.Models;
using TDeveloper.Silo.Storage;

namespace TDeveloper.Silo.Hosting;

/// <summary>Chooses and wires the silo's providers from configuration (<c>TDeveloper:Mode</c>), so <c>Program</c> stays a few lines.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The only mode this build supports: localhost clustering, file or memory state, in-memory reminders, memory streams.</summary>
    public const string EmbeddedMode = "Embedded";

    /// <summary>Adds an Orleans silo configured for <c>TDeveloper:Mode</c>, with the Dashboard and a cluster health check.</summary>
    /// <exception cref="InvalidOperationException">The mode is unknown or the silo settings are invalid; the message names the setting.</exception>
    public static TBuilder AddTDeveloperSilo<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var mode = builder.Configuration["TDeveloper:Mode"] ?? EmbeddedMode;
        if (!string.Equals(mode, EmbeddedMode, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"TDeveloper:Mode '{mode}' is not supported by this build; use '{EmbeddedMode}'. (The DynamoDB-backed 'Aws' mode is not implemented yet.)");
        }

        var silo = Bind<EmbeddedSiloOptions>(builder.Configuration, EmbeddedSiloOptions.Section);
        var storage = Bind<EmbeddedStorageOptions>(builder.Configuration, EmbeddedStorageOptions.Section);
        var storageDirectory = Path.GetFullPath(storage.Directory, builder.Environment.ContentRootPath);

        builder.UseOrleans(siloBuilder =>
        {
            siloBuilder.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, new IPEndPoint(IPAddress.Loopback, silo.PrimarySiloPort), silo.ServiceId, silo.ClusterId);
            if (storage.Provider == StateStore.File) siloBuilder.AddFileGrainStorage(StorageNames.State, o => o.RootDirectory = storageDirectory);
            else siloBuilder.AddMemoryGrainStorage(StorageNames.State);
            siloBuilder.UseInMemoryReminderService();
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
