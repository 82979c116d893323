using Microsoft.AspNetCore.Hosting;

namespace TDeveloper.Api.Tests;

/// <summary>What every single-process test host sets first: the Development environment and a silo of its own (ports and cluster id), so hosts in one test run never meet.</summary>
public static class SingleSiloSettings
{
    /// <summary>Gives <paramref name="builder"/> its own silo on <paramref name="siloPort"/> (also its primary), gateway on <paramref name="gatewayPort"/>, and cluster <c>{clusterPrefix}{siloPort}</c>.</summary>
    public static void Apply(IWebHostBuilder builder, int siloPort, int gatewayPort, string clusterPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("TDeveloper:Silo:SiloPort", siloPort.ToString());
        builder.UseSetting("TDeveloper:Silo:PrimarySiloPort", siloPort.ToString());
        builder.UseSetting("TDeveloper:Silo:GatewayPort", gatewayPort.ToString());
        builder.UseSetting("TDeveloper:Silo:ClusterId", clusterPrefix + siloPort);
    }
}
