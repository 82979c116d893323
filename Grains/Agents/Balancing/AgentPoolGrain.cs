using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Agents.Balancing;
using TDeveloper.Grains.Registry;

namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>Hosts a session's <see cref="AgentPool"/>: the types' capacities come from the tenant's registry, silo figures from <see cref="SiloLoadMonitor"/>.</summary>
public sealed partial class AgentPoolGrain(IOptions<AgentBalancingOptions> options, AgentRegistryCache registry, SiloLoadMonitor silos, TimeProvider time, ILogger<AgentPoolGrain> logger)
    : Grain, IAgentPoolGrain
{
    private readonly AgentPool _pool = new(options.Value, time);

    /// <inheritdoc/>
    public async Task<int> AcquireAsync(AgentLeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var capacity = await CapacityOfAsync(request.AgentType);
        var loads = _pool.NeedsSiloLoads(request.AgentType) ? await silos.GetAsync() : null;
        var assignment = _pool.Acquire(request, capacity, loads);
        TDeveloperTelemetry.AgentAssignments.Add(1, new("agent", request.AgentType), new("strategy", options.Value.StrategyOf(request.AgentType).ToString()),
            new("how", assignment.Kind.ToString().ToLowerInvariant()));
        if (assignment.Kind == AssignmentKind.Started) LogInstanceStarted(this.GetPrimaryKeyString(), AgentInstances.NameOf(request.AgentType, assignment.Index), _pool.InstanceCount);
        if (assignment.Kind == AssignmentKind.Overflow) LogOverflow(this.GetPrimaryKeyString(), request.AgentType, _pool.InstanceCount);
        return assignment.Index;
    }

    /// <inheritdoc/>
    public Task ReleaseAsync(string leaseKey)
    {
        _pool.Release(leaseKey);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task OnInstanceActivatedAsync(string instanceName, string silo)
    {
        _pool.Located(instanceName, silo);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<AgentPoolSnapshot> GetAsync() => _pool.Snapshot(await silos.GetAsync());

    private async ValueTask<int> CapacityOfAsync(string agentType)
    {
        try
        {
            return (await registry.GetAsync(GrainKeys.TenantOf(this.GetPrimaryKeyString()), [agentType])).Find(agentType)?.Capacity ?? DefaultCapacity(agentType);
        }
        catch (Exception ex)
        {
            LogRegistryUnread(ex, agentType); // balance on the built-in capacity rather than fail the dispatch
            return DefaultCapacity(agentType);
        }
    }

    private static int DefaultCapacity(string agentType) => BuiltInAgentTypes.Find(agentType)?.Capacity ?? new Interfaces.Registry.AgentTypeInfo().Capacity;

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} started agent instance {Instance} (its instances: {Instances}): every other one was busy")]
    private partial void LogInstanceStarted(string sessionKey, string instance, int instances);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey}: every {Agent} instance is busy and no new one may start ({Instances} instances); the least busy takes the task")]
    private partial void LogOverflow(string sessionKey, string agent, int instances);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The registry could not be read for agent type {Agent}; balancing on its default capacity")]
    private partial void LogRegistryUnread(Exception exception, string agent);
}
