using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace TDeveloper.Api.Tests;

/// <summary>The whole single-process system (silo + API) on free ports, with memory state, workspaces in a temporary directory and a fast offline model.</summary>
public class SiloAppFactory : WebApplicationFactory<TDeveloper.Silo.Program>
{
    public int GatewayPort { get; } = FreePort.Next();

    private readonly int _siloPort = FreePort.Next();

    /// <summary>Gets the directory of the workspace bodies (the embedded default's local files), deleted with the factory.</summary>
    public string WorkspaceDirectory { get; } = Directory.CreateTempSubdirectory("tdev-api-workspaces-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        SingleSiloSettings.Apply(builder, _siloPort, GatewayPort, "api-tests-");
        builder.UseSetting("TDeveloper:Providers:GrainStorage", "Memory");
        builder.UseSetting("TDeveloper:Providers:Reminders", "Memory");
        builder.UseSetting("TDeveloper:Models:Offline:Latency", "00:00:00.050");
        builder.UseSetting("TDeveloper:Workspaces:Directory", WorkspaceDirectory);
        TestBootstrap.Configure(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteWorkspaces();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteWorkspaces();
    }

    private void DeleteWorkspaces()
    {
        if (Directory.Exists(WorkspaceDirectory)) Directory.Delete(WorkspaceDirectory, recursive: true);
    }
}
