using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TDeveloper.Testing;

/// <summary>
/// The command-line settings that make several silo processes in the embedded mode one cluster over one data directory:
/// grain state, reminders, workspaces, checkpoints, the key file and the bootstrap key all live under it, so the cluster can be
/// killed and started again over the same data. Every process gets its own ports (silo, gateway, HTTP, management), and the
/// per-caller rate limits are lifted.
/// </summary>
public sealed class EmbeddedClusterLayout(string dataDirectory, IEnumerable<string>? extraSettings = null)
{
    private readonly string[] _extra = [.. extraSettings ?? []];

    /// <summary>Gets the directory every silo of the cluster keeps its data in.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>Gets the file the first silo writes the bootstrap admin API key to.</summary>
    public string BootstrapKeyFile => Path.Combine(DataDirectory, "bootstrap-admin.key");

    /// <summary>Gets the arguments of one silo process; the silo whose <paramref name="siloPort"/> is <paramref name="primaryPort"/> is the primary.</summary>
    public IReadOnlyList<string> SiloArguments(int primaryPort, int siloPort) =>
    [
        "--TDeveloper:Mode=Embedded",
        $"--TDeveloper:Silo:PrimarySiloPort={primaryPort}",
        $"--TDeveloper:Silo:SiloPort={siloPort}",
        $"--TDeveloper:Silo:GatewayPort={FreeTcpPort()}",
        $"--TDeveloper:Management:Urls=http://127.0.0.1:{FreeTcpPort()}",
        $"--TDeveloper:Grpc:Urls=http://127.0.0.1:{FreeTcpPort()}",
        $"--TDeveloper:Storage:Directory={Path.Combine(DataDirectory, "grains")}",
        $"--TDeveloper:Reminders:Directory={Path.Combine(DataDirectory, "reminders")}",
        $"--TDeveloper:Workspaces:Directory={Path.Combine(DataDirectory, "workspaces")}",
        $"--TDeveloper:Sessions:Checkpoints:Directory={Path.Combine(DataDirectory, "checkpoints")}",
        $"--TDeveloper:Security:LocalKeys:Path={Path.Combine(DataDirectory, "keys", "master-keys.json")}",
        $"--TDeveloper:Security:Bootstrap:AdminKeyFile={BootstrapKeyFile}",
        "--Logging:LogLevel:Orleans.Runtime.MembershipService=Information",
        // The API's rate limits are per caller; a test or bench makes many requests as one.
        "--TDeveloper:Api:RateLimits:Default:PermitLimit=1000000",
        "--TDeveloper:Api:RateLimits:ApiKey:PermitLimit=1000000",
        .. _extra,
    ];

    /// <summary>Gets the management URL (Dashboard, <c>/metrics</c>) that <paramref name="siloArguments"/> give their silo.</summary>
    public static Uri ManagementUrl(IEnumerable<string> siloArguments) =>
        new(siloArguments.Last(a => a.StartsWith("--TDeveloper:Management:Urls=", StringComparison.Ordinal)).Split('=', 2)[1]);

    /// <summary>Exchanges the bootstrap admin key for an access token and sets it on <paramref name="http"/>.</summary>
    public async Task AuthenticateAsync(HttpClient http)
    {
        var key = (await File.ReadAllTextAsync(BootstrapKeyFile)).Trim();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /v1/auth/token: {(int)response.StatusCode} {body}");
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Gets a TCP port free at the time of asking.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
