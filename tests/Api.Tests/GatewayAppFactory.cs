using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace TDeveloper.Api.Tests;

/// <summary>The thin Gateway, connected as an external Orleans client to a silo started by <see cref="SiloAppFactory"/>.</summary>
public sealed class GatewayAppFactory(int gatewayPort, string clusterId) : WebApplicationFactory<TDeveloper.Gateway.Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TDeveloper:Client:Gateways:0", $"127.0.0.1:{gatewayPort}");
        builder.UseSetting("TDeveloper:Client:ClusterId", clusterId);
        TestBootstrap.Configure(builder);
    }
}
