using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Agents.Balancing;
using TDeveloper.Grains.Interfaces.Agents;

namespace TDeveloper.Grains.Agents;

// Tells the session's balancer where this instance runs (issue 13 item 3), for resource-based balancing.
public sealed partial class AgentGrain
{
    private void ReportPlacement()
    {
        if (!ServiceProvider.GetRequiredService<IOptions<AgentBalancingOptions>>().Value.Enabled) return;
        _ = GrainFactory.GetGrain<IAgentPoolGrain>(SessionKey).OnInstanceActivatedAsync(InstanceName, ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()); // one-way
    }
}
