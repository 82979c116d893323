namespace TDeveloper.Api.Tests;

/// <summary>A real silo (<see cref="SiloAppFactory"/>) and a Gateway joined to it as an external Orleans client, per test class instance.</summary>
public abstract class SiloAndGateway : IAsyncLifetime
{
    /// <summary>Gets the silo, which also serves the API.</summary>
    protected SiloAppFactory Silo { get; } = new();

    /// <summary>Gets the Gateway, connected to <see cref="Silo"/>'s gateway port and cluster.</summary>
    protected GatewayAppFactory Gateway { get; private set; } = null!;

    /// <inheritdoc/>
    public Task InitializeAsync()
    {
        Silo.CreateClient();
        Gateway = new GatewayAppFactory(Silo.GatewayPort, clusterId: Silo.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterOptions>>().Value.ClusterId);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Silo.DisposeAsync();
    }
}
