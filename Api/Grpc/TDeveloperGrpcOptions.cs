namespace TDeveloper.Api.Grpc;

/// <summary>Settings of the gRPC endpoint, bound from <c>TDeveloper:Grpc</c>.</summary>
public sealed class TDeveloperGrpcOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "TDeveloper:Grpc";

    /// <summary>
    /// Gets or sets the URLs of the HTTP/2-only (plaintext, prior knowledge) endpoints for gRPC, separated by ';', for example
    /// <c>http://localhost:5082</c>.
    /// </summary>
    /// <remarks>
    /// Defaults to empty: no endpoint of its own, and gRPC is served only where HTTP/2 is negotiated (TLS with ALPN). When set,
    /// the host also listens, as before, on its <c>Urls</c> and <c>TDeveloper:Management:Urls</c> (HTTP/1.1 and HTTP/2).
    /// The Silo's appsettings set <c>http://localhost:5082</c>, the Gateway's <c>http://localhost:5092</c>.
    /// </remarks>
    public string Urls { get; set; } = "";

    /// <summary>Gets or sets the largest message accepted, in bytes.</summary>
    /// <remarks>Defaults to 4 MiB, gRPC's own default.</remarks>
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets or sets whether gRPC server reflection is served (for <c>grpcurl</c> and similar tools), anonymously.</summary>
    /// <remarks>Defaults to true.</remarks>
    public bool EnableReflection { get; set; } = true;
}
