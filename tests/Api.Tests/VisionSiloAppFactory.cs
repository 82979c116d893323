using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace TDeveloper.Api.Tests;

/// <summary>Like <see cref="SiloAppFactory"/>, with a catalog whose one model (served by the offline provider) declares Vision.</summary>
public sealed class VisionSiloAppFactory : WebApplicationFactory<TDeveloper.Silo.Program>
{
    public const string VisionModel = "offline-vision";

    private readonly int _siloPort = FreePort.Next();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        SingleSiloSettings.Apply(builder, _siloPort, FreePort.Next(), "api-vision-tests-");
        builder.UseSetting("TDeveloper:Providers:GrainStorage", "Memory");
        builder.UseSetting("TDeveloper:Providers:Reminders", "Memory");
        builder.UseSetting("TDeveloper:Models:Offline:Latency", "00:00:00.010");
        builder.UseSetting("TDeveloper:Models:Catalog:0:Id", VisionModel);
        builder.UseSetting("TDeveloper:Models:Catalog:0:Provider", "offline");
        builder.UseSetting("TDeveloper:Models:Catalog:0:Capabilities", "Vision, Tools");
        TestBootstrap.Configure(builder);
    }
}
