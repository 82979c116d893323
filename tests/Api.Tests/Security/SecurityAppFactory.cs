using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using TDeveloper.Client.Security;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests.Security;

/// <summary>The single-process system like <see cref="SiloAppFactory"/>, whose audit trail also keeps what it records, so tests can see the denials.</summary>
public sealed class SecurityAppFactory : WebApplicationFactory<TDeveloper.Silo.Program>
{
    private readonly int _siloPort = FreePort.Next();

    /// <summary>Gets the audit trail the host records to.</summary>
    public RecordingAuditTrail Audit { get; } = new();

    /// <summary>Gets the directory of the workspace bodies, deleted with the factory.</summary>
    public string WorkspaceDirectory { get; } = Directory.CreateTempSubdirectory("tdev-security-workspaces-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services =>
        {
            services.AddTestAuthentication();
            services.AddSingleton<IAuditTrail>(Audit);
        });
        builder.UseSetting("TDeveloper:Silo:SiloPort", _siloPort.ToString());
        builder.UseSetting("TDeveloper:Silo:PrimarySiloPort", _siloPort.ToString());
        builder.UseSetting("TDeveloper:Silo:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("TDeveloper:Silo:ClusterId", "security-tests-" + _siloPort);
        builder.UseSetting("TDeveloper:Providers:GrainStorage", "Memory");
        builder.UseSetting("TDeveloper:Providers:Reminders", "Memory");
        builder.UseSetting("TDeveloper:Models:Offline:Latency", "00:00:00.050");
        builder.UseSetting("TDeveloper:Workspaces:Directory", WorkspaceDirectory);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(WorkspaceDirectory)) Directory.Delete(WorkspaceDirectory, recursive: true);
    }
}

/// <summary>An audit trail that keeps every event in memory (the durable audit log is another part of the system).</summary>
public sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly ConcurrentQueue<AuditEvent> _events = new();

    public IReadOnlyList<AuditEvent> Events => [.. _events];

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(auditEvent);
        return Task.CompletedTask;
    }
}
