using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TDeveloper.Client;

namespace TDeveloper.Cli.Connection;

/// <summary>
/// The one place that knows HOW tdev reaches the system: every command gets an <see cref="ITDeveloperClient"/> and a tenant
/// from here and nothing else, so the kind of connection can change without touching a command.
/// </summary>
/// <remarks>
/// Today: an embedded Orleans client to the silo gateways of the profile (default 127.0.0.1:30000, a local silo with no
/// settings), tenant <c>default</c>. A profile with a <see cref="CliProfile.Url"/> (from <c>tdev login --url</c>) is meant for
/// the remote client (<c>AddTDeveloperRemoteClient</c>, being written in Client/): switch <see cref="AddClient"/> to it there.
/// </remarks>
public sealed class TDevConnection : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IReadOnlyList<IHostedService> _started;

    private TDevConnection(ServiceProvider services, IReadOnlyList<IHostedService> started, string tenant)
    {
        _services = services;
        _started = started;
        Tenant = tenant;
        Client = services.GetRequiredService<ITDeveloperClient>();
    }

    /// <summary>Gets the facade every command uses.</summary>
    public ITDeveloperClient Client { get; }

    /// <summary>Gets the tenant every command acts in.</summary>
    public string Tenant { get; }

    /// <summary>Connects as the profile says.</summary>
    /// <exception cref="CliException">With <see cref="ExitCodes.Connection"/> when the cluster cannot be reached.</exception>
    public static async Task<TDevConnection> OpenAsync(CliProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.None));
        AddClient(services, profile);
        var provider = services.BuildServiceProvider();
        var started = new List<IHostedService>();
        try
        {
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(cancellationToken);
                started.Add(hosted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not CliException)
        {
            await StopAsync(started);
            await provider.DisposeAsync();
            throw new CliException(ExitCodes.Connection, $"cannot reach the cluster at {string.Join(", ", profile.Gateways)} ({FirstLine(e.Message)}); is a silo running? (dotnet run --project Silo)");
        }
        catch
        {
            await StopAsync(started);
            await provider.DisposeAsync();
            throw;
        }

        return new TDevConnection(provider, started, profile.Tenant);
    }

    private static void AddClient(IServiceCollection services, CliProfile profile)
    {
        if (!string.IsNullOrEmpty(profile.Url))
        {
            // Merge point: services.AddTDeveloperRemoteClient(o => { o.BaseAddress = new Uri(profile.Url); o.Token = profile.Token; });
            throw new CliException(ExitCodes.Connection, $"connecting to {profile.Url} needs the remote client, not in this build; use tdev login --gateway host:port for a silo gateway");
        }

        services.AddTDeveloperClient(o =>
        {
            o.Gateways.AddRange(profile.Gateways);
            o.ClusterId = profile.ClusterId;
            o.ServiceId = profile.ServiceId;
            o.MaxConnectionAttempts = 2; // a person waits at a terminal: fail within seconds, not a minute
            o.ConnectionRetryDelay = TimeSpan.FromSeconds(1);
        });
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_started);
        await _services.DisposeAsync();
    }

    private static async Task StopAsync(IReadOnlyList<IHostedService> started)
    {
        foreach (var hosted in started.Reverse())
        {
            try
            {
                await hosted.StopAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Leaving anyway: a failed goodbye to the gateway changes nothing for the user.
            }
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
