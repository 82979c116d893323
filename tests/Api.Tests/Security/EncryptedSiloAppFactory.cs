using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace TDeveloper.Api.Tests.Security;

/// <summary>
/// The whole single-process system with the embedded default's stores on disk: grain state in the file store, workspace
/// bodies in local files, master keys in a local key file, each in its own temporary directory; and every log line captured.
/// </summary>
public sealed class EncryptedSiloAppFactory : WebApplicationFactory<TDeveloper.Silo.Program>
{
    private readonly int _siloPort = FreePort.Next();
    private readonly string _root = Directory.CreateTempSubdirectory("tdev-encrypted-").FullName;

    /// <summary>Gets the file grain store's directory.</summary>
    public string GrainDirectory => Path.Combine(_root, "grains");

    /// <summary>Gets the workspace bodies' directory.</summary>
    public string WorkspaceDirectory => Path.Combine(_root, "workspaces");

    /// <summary>Gets the key file's path.</summary>
    public string KeyFile => Path.Combine(_root, "keys", "master-keys.json");

    /// <summary>Gets every line logged by the host, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        SingleSiloSettings.Apply(builder, _siloPort, FreePort.Next(), "encrypted-");
        builder.UseSetting("TDeveloper:Providers:GrainStorage", "File");
        builder.UseSetting("TDeveloper:Storage:Directory", GrainDirectory);
        builder.UseSetting("TDeveloper:Providers:Reminders", "Memory");
        builder.UseSetting("TDeveloper:Workspaces:Directory", WorkspaceDirectory);
        builder.UseSetting("TDeveloper:Security:LocalKeys:Path", KeyFile);
        builder.UseSetting("TDeveloper:Models:Offline:Latency", "00:00:00.020");
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter(level => true);
        });
    }

    /// <summary>Gets the bytes of every file under <paramref name="directory"/>, by path.</summary>
    public static Dictionary<string, byte[]> RawFiles(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes) : [];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Delete();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Delete();
    }

    private void Delete()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
