using TDeveloper.Api;
using TDeveloper.Client;
using TDeveloper.Hosting;
using TDeveloper.ServiceDefaults;

namespace TDeveloper.Gateway;

/// <summary>The Gateway: an external Orleans client of the silos that serves the T-Developer HTTP API.</summary>
/// <remarks>Not static, so that tests can name it: <c>WebApplicationFactory&lt;TDeveloper.Gateway.Program&gt;</c>.</remarks>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Builds and runs the Gateway.</summary>
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddTDeveloperClusterClient();
        builder.Services.AddTDeveloperApi();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.UseTDeveloperApi();
        app.MapTDeveloperApi();
        app.Run();
    }
}
