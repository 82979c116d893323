using TDeveloper.Api;
using Orleans.Dashboard;
using TDeveloper.Client;
using TDeveloper.ServiceDefaults;
using TDeveloper.Hosting;

namespace TDeveloper.Silo;

/// <summary>The silo host; in the embedded default it also serves the API, so one process is a whole system.</summary>
public sealed class Program
{
    private Program() { }

    /// <summary>Runs the silo.</summary>
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddTDeveloperSilo();
        builder.Services.AddTDeveloperApi();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.UseTDeveloperApi();
        app.MapTDeveloperApi();
        app.MapOrleansDashboard("/dashboard").RequireManagementPort().AllowAnonymous(); // the management port is the operators' own
        app.Run();
    }
}
