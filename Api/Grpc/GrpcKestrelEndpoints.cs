using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TDeveloper.Api.Grpc;

/// <summary>
/// Adds the HTTP/2-only endpoints of <see cref="TDeveloperGrpcOptions.Urls"/> to Kestrel. Listening in code makes Kestrel ignore the
/// host's <c>Urls</c>, so when gRPC URLs are set those and the management URLs are listened on here too, unchanged (HTTP/1.1 and HTTP/2).
/// </summary>
internal sealed class GrpcKestrelEndpoints(IConfiguration configuration, IOptions<TDeveloperGrpcOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var grpc = Split(options.Value.Urls);
        if (grpc.Count == 0) return;
        foreach (var url in Split(configuration["urls"] ?? configuration["Urls"] ?? "http://localhost:5000").Concat(Split(configuration["TDeveloper:Management:Urls"])))
            Listen(kestrel, url, HttpProtocols.Http1AndHttp2);
        foreach (var url in grpc) Listen(kestrel, url, HttpProtocols.Http2);
    }

    private static List<string> Split(string? urls) => [.. (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        if (uri.Scheme != Uri.UriSchemeHttp) throw new OptionsValidationException(TDeveloperGrpcOptions.SectionName, typeof(TDeveloperGrpcOptions), [$"'{url}': only http:// URLs can be listened on beside {TDeveloperGrpcOptions.SectionName}:Urls; configure TLS under Kestrel:Endpoints instead."]);
        Action<ListenOptions> configure = listen => listen.Protocols = protocols;
        if (uri.IsLoopback && uri.Host == "localhost") kestrel.ListenLocalhost(uri.Port, configure);
        else if (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)) kestrel.Listen(address, uri.Port, configure);
        else kestrel.ListenAnyIP(uri.Port, configure);
    }
}
