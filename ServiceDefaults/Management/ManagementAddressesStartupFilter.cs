using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TDeveloper.ServiceDefaults;

/// <summary>
/// Adds the management URLs to the addresses the server listens on, beside the public ones (<c>Urls</c>,
/// <c>--urls</c>, <c>ASPNETCORE_URLS</c>), and refuses to start when a management port is also a public one.
/// </summary>
/// <remarks>
/// The host fills the server's addresses from configuration before it builds the pipeline, and the server binds them
/// after, so a startup filter sees the final public addresses and can add to them. Servers without addresses (the
/// test server) are left alone; when Kestrel endpoints are configured in code or under <c>Kestrel:Endpoints</c>, those
/// replace every address and the management endpoints answer nowhere, which fails closed.
/// </remarks>
internal sealed partial class ManagementAddressesStartupFilter(IOptions<ManagementOptions> options, ILogger<ManagementAddressesStartupFilter> logger) : IStartupFilter
{
    /// <summary>What Kestrel listens on when no URL is configured; kept, since adding ours would replace it.</summary>
    private const string KestrelDefaultUrl = "http://localhost:5000";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (app.ServerFeatures.Get<IServerAddressesFeature>()?.Addresses is { IsReadOnly: false } addresses)
        {
            if (addresses.Count == 0) addresses.Add(KestrelDefaultUrl);
            var management = options.Value;
            var clashes = addresses.Where(a => management.Ports.Contains(ManagementOptions.PortOf(a))).ToList();
            if (clashes.Count > 0)
            {
                throw new OptionsValidationException(ManagementOptions.SectionName, typeof(ManagementOptions),
                    [$"{ManagementOptions.SectionName}:Urls ({management.Urls}) shares a port with the public URLs ({string.Join(";", clashes)}); the management port must be its own."]);
            }

            foreach (var url in management.UrlList) addresses.Add(url);
            LogManagementUrls(logger, management.Urls);
        }

        next(app);
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "The Dashboard and /metrics are served on the management endpoint {Urls} only")]
    private static partial void LogManagementUrls(ILogger logger, string urls);
}
