using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Agents.Balancing;

namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>
/// The instances of one session's agent types and the tasks leased to them, free of Orleans. A task goes to an instance
/// under <see cref="AgentBalancingOptions.AvailableBelow"/> of its capacity, picked by its type's strategy; when none is,
/// another instance starts, within <see cref="AgentBalancingOptions.MaxInstancesPerType"/> and the session's
/// <see cref="AgentBalancingOptions.MaxAgentsPerSession"/>; past both, the least busy instance takes it anyway (counted
/// as overflow: the agent queues it rather than the request failing). Leases end when released or lapse after their timeout.
/// </summary>
public sealed class AgentPool(AgentBalancingOptions options, TimeProvider time)
{
    private readonly Dictionary<string, TypePool> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private DateTimeOffset _nextLapse = DateTimeOffset.MaxValue;
    private long _overflowed;

    /// <summary>Gets how many instances the session has, all types together.</summary>
    public int InstanceCount { get; private set; }

    /// <summary>Gets how many leases are held.</summary>
    public int LeaseCount => _leases.Count;

    /// <summary>Gets whether choosing an instance of the type needs the silos' CPU and memory figures.</summary>
    public bool NeedsSiloLoads(string agentType) => options.StrategyOf(agentType) == BalancingStrategy.ResourceBased;

    /// <summary>Leases an instance for one task attempt; the same lease key gets the same instance again.</summary>
    /// <param name="request">The type, lease key and timeout.</param>
    /// <param name="capacity">The type's capacity: the most tasks one instance runs at once.</param>
    /// <param name="silos">The silos' figures by silo, for resource-based balancing.</param>
    public AgentAssignment Acquire(AgentLeaseRequest request, int capacity, IReadOnlyDictionary<string, SiloLoad>? silos = null)
    {
        var now = time.GetUtcNow();
        LapseExpired(now);
        if (_leases.TryGetValue(request.LeaseKey, out var held)) return new AgentAssignment(held.Instance.Index, AssignmentKind.Held);

        var pool = PoolOf(request.AgentType);
        pool.Capacity = Math.Max(1, capacity);
        while (pool.Instances.Count < options.MinInstancesOf(request.AgentType) && TryAdd(pool) is not null) { }

        var threshold = options.AvailableBelow * pool.Capacity;
        var available = pool.Instances.Where(i => i.Active < threshold).ToList();
        Instance chosen;
        AssignmentKind kind;
        if (available.Count > 0) (chosen, kind) = (available[pool.Balancer.Choose([.. available.Select(i => LoadOf(i, pool, silos))])], AssignmentKind.Available);
        else if (TryAdd(pool) is { } started) (chosen, kind) = (started, AssignmentKind.Started);
        else
        {
            (chosen, kind) = (pool.Instances.MinBy(i => i.Active)!, AssignmentKind.Overflow);
            _overflowed++;
        }

        chosen.Active++;
        chosen.Assigned++;
        var lapses = now + request.Timeout + options.LeaseGrace;
        _leases[request.LeaseKey] = new Lease(chosen, lapses);
        if (lapses < _nextLapse) _nextLapse = lapses;
        return new AgentAssignment(chosen.Index, kind);
    }

    /// <summary>Ends a lease; returns whether it was held.</summary>
    public bool Release(string leaseKey)
    {
        if (!_leases.Remove(leaseKey, out var lease)) return false;
        lease.Instance.Active--;
        return true;
    }

    /// <summary>Records where an instance runs; an instance this pool did not start (it lost its activation) is adopted.</summary>
    public void Located(string instanceName, string silo)
    {
        var pool = PoolOf(AgentInstances.TypeOf(instanceName));
        var index = AgentInstances.IndexOf(instanceName);
        var instance = pool.Instances.Find(i => i.Index == index) ?? Adopt(pool, index);
        instance.Silo = silo;
    }

    /// <summary>Gets the instances and their loads.</summary>
    public AgentPoolSnapshot Snapshot(IReadOnlyDictionary<string, SiloLoad>? silos = null)
    {
        LapseExpired(time.GetUtcNow());
        return new AgentPoolSnapshot
        {
            Instances = [.. _types.OrderBy(t => t.Key, StringComparer.Ordinal).SelectMany(t => t.Value.Instances.OrderBy(i => i.Index).Select(i => LoadOf(i, t.Value, silos)))],
            Strategies = _types.Keys.ToImmutableDictionary(type => type, options.StrategyOf, StringComparer.Ordinal),
            MaxAgents = options.MaxAgentsPerSession,
            Overflowed = _overflowed,
        };
    }

    private TypePool PoolOf(string agentType)
    {
        if (!_types.TryGetValue(agentType, out var pool)) _types[agentType] = pool = new TypePool(agentType, ILoadBalancer.For(options.StrategyOf(agentType)));
        return pool;
    }

    private Instance? TryAdd(TypePool pool)
    {
        if (pool.Instances.Count >= options.MaxInstancesPerType || InstanceCount >= options.MaxAgentsPerSession) return null;
        return Adopt(pool, pool.Instances.Count == 0 ? 0 : pool.Instances.Max(i => i.Index) + 1);
    }

    private Instance Adopt(TypePool pool, int index)
    {
        var instance = new Instance(pool.Type, index);
        pool.Instances.Add(instance);
        InstanceCount++;
        return instance;
    }

    private AgentInstanceLoad LoadOf(Instance instance, TypePool pool, IReadOnlyDictionary<string, SiloLoad>? silos)
    {
        var silo = instance.Silo is { } address && silos is not null && silos.TryGetValue(address, out var load) ? load : null;
        return new AgentInstanceLoad
        {
            Name = instance.Name, AgentType = pool.Type, Index = instance.Index, ActiveTasks = instance.Active, Capacity = pool.Capacity,
            Weight = options.WeightOf(pool.Type, instance.Index), Silo = instance.Silo, SiloCpu = silo?.Cpu, SiloMemory = silo?.Memory,
            TasksAssigned = instance.Assigned,
        };
    }

    private void LapseExpired(DateTimeOffset now)
    {
        if (now < _nextLapse) return;
        _nextLapse = DateTimeOffset.MaxValue;
        foreach (var (key, lease) in _leases.ToList())
        {
            if (lease.Lapses <= now) Release(key);
            else if (lease.Lapses < _nextLapse) _nextLapse = lease.Lapses;
        }
    }

    private sealed class TypePool(string type, ILoadBalancer balancer)
    {
        public string Type { get; } = type;
        public ILoadBalancer Balancer { get; } = balancer;
        public List<Instance> Instances { get; } = [];
        public int Capacity { get; set; } = 1;
    }

    private sealed class Instance(string type, int index)
    {
        public string Name { get; } = AgentInstances.NameOf(type, index);
        public int Index { get; } = index;
        public int Active { get; set; }
        public long Assigned { get; set; }
        public string? Silo { get; set; }
    }

    private sealed record Lease(Instance Instance, DateTimeOffset Lapses);
}
