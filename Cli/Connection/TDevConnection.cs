using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TDeveloper.Client;

namespace TDeveloper.Cli.Connection;

/// <summary>
/// The one place that knows HOW tdev reaches the system: every command gets <see cref="TDeveloperHandles"/> (over an
/// <see cref="ITDeveloperTransport"/>) from here and nothing else, so the same commands run embedded and remote.
/// </summary>
/// <remarks>
/// Embedded (default, no setup): an Orleans client to the silo gateways of the profile (default 127.0.0.1:30000), acting in
/// the profile's tenant (<see cref="ITDeveloperClient.ForTenant"/>). Remote (a profile with a <see cref="CliProfile.Url"/>, from
/// <c>tdev login --url</c>): the HTTP API through <c>AddTDeveloperRemoteClient</c> with the profile's API key or bearer token,
/// acting in the credential's tenant.
/// </remarks>
public sealed class TDevConnection : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IReadOnlyList<IHostedService> _started;

    private TDevConnection(ServiceProvider services, IReadOnlyList<IHostedService> started, TDeveloperHandles handles, string where, bool remote)
    {
        _services = services;
        _started = started;
        Handles = handles;
        Where = where;
        IsRemote = remote;
    }

    /// <summary>Gets the handles every command uses.</summary>
    public TDeveloperHandles Handles { get; }

    /// <summary>Gets where the commands act, for messages: <c>tenant 'default'</c> (embedded) or the API's URL (remote).</summary>
    public string Where { get; }

    /// <summary>Gets whether the connection is the remote HTTP client.</summary>
    public bool IsRemote { get; }

    /// <summary>Connects as the profile says; <paramref name="remoteHandler"/>, when given, replaces the remote client's primary HTTP handler (tests: an in-memory server).</summary>
    /// <exception cref="CliException">With <see cref="ExitCodes.Connection"/> when the cluster cannot be reached, <see cref="ExitCodes.Unauthenticated"/> when a remote profile has no credential.</exception>
    public static async Task<TDevConnection> OpenAsync(CliProfile profile, Func<HttpMessageHandler>? remoteHandler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.None));
        if (!string.IsNullOrEmpty(profile.Url)) return OpenRemote(services, profile, remoteHandler);

        services.AddTDeveloperClient(o =>
        {
            o.Gateways.AddRange(profile.Gateways);
            o.ClusterId = profile.ClusterId;
            o.ServiceId = profile.ServiceId;
            o.MaxConnectionAttempts = 2; // a person waits at a terminal: fail within seconds, not a minute
            o.ConnectionRetryDelay = TimeSpan.FromSeconds(1);
        });
        var provider = services.BuildServiceProvider();
        var started = new List<IHostedService>();
        try
        {
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(cancellationToken);
                started.Add(hosted);
            }

            var handles = provider.GetRequiredService<ITDeveloperClient>().ForTenant(profile.Tenant);
            return new TDevConnection(provider, started, handles, $"tenant '{profile.Tenant}'", remote: false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not CliException and not ArgumentException)
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
    }

    private static TDevConnection OpenRemote(ServiceCollection services, CliProfile profile, Func<HttpMessageHandler>? remoteHandler)
    {
        var (apiKey, token) = profile.Credential();
        if (apiKey is null && token is null)
            throw new CliException(ExitCodes.Unauthenticated, $"no credential for {profile.Url}: run tdev login --url {profile.Url} --api-key <key> (or --token <token>), or set TDEV_API_KEY");
        var http = services.AddTDeveloperRemoteClient(o =>
        {
            o.BaseAddress = new Uri(profile.Url!);
            o.ApiKey = apiKey;
            o.Token = token;
        });
        if (remoteHandler is not null) http.ConfigurePrimaryHttpMessageHandler(remoteHandler);
        var provider = services.BuildServiceProvider();
        return new TDevConnection(provider, [], provider.GetRequiredService<TDeveloperHandles>(), profile.Url!, remote: true);
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
