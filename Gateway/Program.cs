using TDeveloper.Aws;
using TDeveloper.Aws.Membership;
using TDeveloper.Client;
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
        builder.Services.AddTDeveloperClient(builder.Configuration.GetSection(TDeveloperClientOptions.SectionName), ClusteringFor(builder.Configuration));
        builder.Services.AddTDeveloperApi();
        builder.Services.AddHealthChecks().AddOrleansCluster();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.UseTDeveloperApi();
        app.MapTDeveloperApi();
        app.Run();
    }

    /// <summary>In the AWS mode the silos are found in the DynamoDB membership table; otherwise in <c>TDeveloper:Client:Gateways</c>.</summary>
    private static Action<IClientBuilder>? ClusteringFor(IConfiguration configuration)
    {
        if (!string.Equals(configuration["TDeveloper:Mode"], "Aws", StringComparison.OrdinalIgnoreCase)) return null;
        var aws = configuration.GetSection(AwsModeOptions.Section).Get<AwsModeOptions>() ?? new AwsModeOptions();
        return client => client.UseDynamoDBClustering(o => aws.ApplyTo(o).TableName = aws.MembershipTable);
    }
}
