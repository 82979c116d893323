using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>A tenant's decision history (keyed by tenant): how each agent type fared on requests with each keyword; not part of the client contract.</summary>
[TenantScoped("decisions", KeyIsTenant = true)]
public interface IDecisionHistoryGrain : IGrainWithStringKey
{
    /// <summary>Gets each agent type's record on requests with <paramref name="keywords"/>.</summary>
    [SystemOnly]
    Task<ImmutableArray<AgentHistory>> GetAsync(ImmutableArray<string> keywords);

    /// <summary>Records a finished request: its keywords, the agent types that served it, and whether it succeeded.</summary>
    [SystemOnly]
    Task RecordAsync(ImmutableArray<string> keywords, ImmutableArray<string> agents, bool succeeded);
}
