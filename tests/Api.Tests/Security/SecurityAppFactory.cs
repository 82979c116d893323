using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using TDeveloper.Api.Security;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests.Security;

/// <summary>The single-process system of <see cref="SiloAppFactory"/>, whose audit trail also keeps what it records, so tests can see the denials.</summary>
public sealed class SecurityAppFactory : SiloAppFactory
{
    /// <summary>Gets the audit trail the host records to.</summary>
    public RecordingAuditTrail Audit { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IAuditTrail>(Audit));
    }
}

/// <summary>An audit trail that keeps every event in memory, so a test sees each denial at once (the durable log is tested in AuditApiTests).</summary>
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
