using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Agents.Balancing;
using TDeveloper.Grains.Interfaces.Agents.Balancing;

namespace TDeveloper.Unit.Tests.Routing.Balancing;

public sealed class AgentPoolTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void One_instance_takes_tasks_until_80_percent_of_its_capacity_then_another_starts()
    {
        var pool = new AgentPool(new AgentBalancingOptions(), _time);

        // Capacity 10: available while under 8 tasks, so the first 8 go to instance 0 and the 9th starts instance 1.
        var assignments = Enumerable.Range(0, 9).Select(i => pool.Acquire(Lease("code", i), capacity: 10)).ToList();
        Assert.All(assignments.Take(8), a => Assert.Equal(0, a.Index));
        Assert.Equal(new AgentAssignment(1, AssignmentKind.Started), assignments[8]);

        // Least-connections: the next tasks go to the new, emptier instance.
        Assert.Equal(1, pool.Acquire(Lease("code", 9), capacity: 10).Index);
        Assert.Equal(2, pool.InstanceCount);
    }

    [Fact]
    public void The_same_lease_key_gets_the_same_instance_and_a_release_frees_the_slot()
    {
        var pool = new AgentPool(new AgentBalancingOptions { Types = { ["code"] = new() { MinInstances = 2 } } }, _time);
        var first = pool.Acquire(Lease("code", 1), capacity: 4);
        var second = pool.Acquire(Lease("code", 2), capacity: 4);
        Assert.NotEqual(first.Index, second.Index);
        Assert.Equal(new AgentAssignment(first.Index, AssignmentKind.Held), pool.Acquire(Lease("code", 1), capacity: 4));
        Assert.Equal(2, pool.LeaseCount);

        Assert.True(pool.Release(Lease("code", 1).LeaseKey));
        Assert.False(pool.Release(Lease("code", 1).LeaseKey)); // a repeat release changes nothing
        Assert.Equal(1, pool.Snapshot().Instances.Sum(i => i.ActiveTasks));
    }

    [Fact]
    public void A_session_never_has_more_than_its_agent_limit_and_past_it_the_least_busy_takes_the_task()
    {
        var options = new AgentBalancingOptions { MaxAgentsPerSession = 3, MaxInstancesPerType = 2 };
        var pool = new AgentPool(options, _time);
        for (var i = 0; i < 10; i++) pool.Acquire(Lease("code", i), capacity: 1);
        for (var i = 0; i < 10; i++) pool.Acquire(Lease("test", i), capacity: 1);

        var snapshot = pool.Snapshot();
        Assert.Equal(3, snapshot.Instances.Length);
        Assert.Equal(2, snapshot.Instances.Count(i => i.AgentType == "code"));
        Assert.Single(snapshot.Instances, i => i.AgentType == "test");
        Assert.Equal(20 - 3, snapshot.Overflowed);
        var code = snapshot.Instances.Where(i => i.AgentType == "code").Select(i => i.ActiveTasks).ToList();
        Assert.True(Math.Abs(code[0] - code[1]) <= 1, string.Join(",", code)); // the overflow is spread too
    }

    [Fact]
    public void Weights_start_their_instances_at_once_and_share_the_tasks_by_weight()
    {
        var options = new AgentBalancingOptions { Types = { ["review"] = new() { Strategy = BalancingStrategy.WeightedRoundRobin, Weights = [3, 1] } } };
        var pool = new AgentPool(options, _time);
        var picks = new int[2];
        for (var i = 0; i < 400; i++)
        {
            var lease = Lease("review", i);
            picks[pool.Acquire(lease, capacity: 100).Index]++;
            pool.Release(lease.LeaseKey);
        }

        Assert.Equal([300, 100], picks);
        Assert.Equal(BalancingStrategy.WeightedRoundRobin, pool.Snapshot().Strategies["review"]);
    }

    [Fact]
    public void A_lease_never_released_lapses_after_its_timeout_and_the_grace()
    {
        var pool = new AgentPool(new AgentBalancingOptions { LeaseGrace = TimeSpan.FromMinutes(1) }, _time);
        pool.Acquire(Lease("code", 1, timeout: TimeSpan.FromMinutes(10)), capacity: 4);

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, pool.Snapshot().Instances.Single().ActiveTasks);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, pool.Snapshot().Instances.Single().ActiveTasks);
        Assert.Equal(0, pool.LeaseCount);
    }

    [Fact]
    public void Resource_based_balancing_uses_the_silo_figures_of_where_each_instance_runs()
    {
        var options = new AgentBalancingOptions { Types = { ["code"] = new() { Strategy = BalancingStrategy.ResourceBased, MinInstances = 2 } } };
        var pool = new AgentPool(options, _time);
        Assert.True(pool.NeedsSiloLoads("code"));
        Assert.False(pool.NeedsSiloLoads("test"));
        pool.Located("code", "silo-a");
        pool.Located("code.1", "silo-b");
        var silos = new Dictionary<string, SiloLoad> { ["silo-a"] = new(0.95, 0.6), ["silo-b"] = new(0.15, 0.3) };

        // silo-b stays better until instance 1's own share of tasks outweighs silo-a's CPU and memory.
        var picks = Enumerable.Range(0, 3).Select(i => pool.Acquire(Lease("code", i), capacity: 4, silos).Index).ToList();
        Assert.Equal([1, 1, 1], picks);
        Assert.Equal("silo-b", pool.Snapshot(silos).Instances.Single(i => i.Index == 1).Silo);
    }

    [Fact]
    public void An_instance_that_reports_in_after_the_balancer_was_lost_is_adopted()
    {
        var pool = new AgentPool(new AgentBalancingOptions(), _time);
        pool.Located("code.3", "silo-a");
        var snapshot = pool.Snapshot();
        Assert.Equal("code.3", Assert.Single(snapshot.Instances).Name);
        Assert.Equal(3, pool.Acquire(Lease("code", 1), capacity: 4).Index);
    }

    [Fact]
    public void Validation_names_the_key_of_each_problem()
    {
        var options = new AgentBalancingOptions { MaxAgentsPerSession = 5, MaxInstancesPerType = 6, Types = { ["code"] = new() { Weights = [0, 200] } } };
        var result = new AgentBalancingOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("MaxInstancesPerType"));
        Assert.Contains(result.Failures!, f => f.Contains("TDeveloper:Agents:Balancing:Types:code:Weights"));
    }

    private static AgentLeaseRequest Lease(string type, int n, TimeSpan? timeout = null) =>
        new() { AgentType = type, LeaseKey = $"t/w-1/{type}-{n}/1", Timeout = timeout ?? TimeSpan.FromMinutes(5) };
}
