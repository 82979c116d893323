using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces.Agents.Balancing;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Agents;

/// <summary>
/// The balancer of one session's agents, keyed by the session key: it picks which instance of a type takes each task
/// (least-connections, weighted round-robin or resource-based), starts another instance when every one is at 80 % of its
/// capacity, and keeps the session within its agent limit. Its counts are soft state: a lost activation starts from zero
/// and the leases of running tasks lapse after their timeouts.
/// </summary>
[TenantScoped("sessions/{0}/agents")]
public interface IAgentPoolGrain : IGrainWithStringKey
{
    /// <summary>Leases an instance of the request's type for one task attempt and returns its instance number.</summary>
    [SystemOnly]
    Task<int> AcquireAsync(AgentLeaseRequest request);

    /// <summary>Ends the lease of a finished, failed or cancelled attempt.</summary>
    [SystemOnly, OneWay]
    Task ReleaseAsync(string leaseKey);

    /// <summary>Records where an instance's activation runs, for resource-based balancing.</summary>
    [SystemOnly, OneWay]
    Task OnInstanceActivatedAsync(string instanceName, string silo);

    /// <summary>Gets the session's instances and their loads.</summary>
    [RequiresPermission(Permissions.SessionsRead)]
    Task<AgentPoolSnapshot> GetAsync();
}
