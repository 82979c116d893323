using TDeveloper.Grains.Agents.Balancing;
using TDeveloper.Grains.Interfaces.Agents.Balancing;

namespace TDeveloper.Unit.Tests.Routing.Balancing;

public sealed class LoadBalancerTests
{
    [Fact]
    public void Least_connections_under_random_churn_always_picks_an_instance_with_the_fewest_tasks()
    {
        var balancer = new LeastConnectionsBalancer();
        var active = new int[4];
        var random = new Random(7);
        for (var round = 0; round < 2_000; round++)
        {
            if (random.NextDouble() < 0.55 || active.Sum() == 0)
            {
                var chosen = balancer.Choose(Loads(active));
                Assert.Equal(active.Min(), active[chosen]);
                active[chosen]++;
            }
            else
            {
                // Tasks finish at random: any busy instance may be the one that frees up.
                var busy = Enumerable.Range(0, active.Length).Where(i => active[i] > 0).ToList();
                active[busy[random.Next(busy.Count)]]--;
            }
        }
    }

    [Fact]
    public void Least_connections_evens_out_an_uneven_start_and_then_stays_within_one_task()
    {
        var balancer = new LeastConnectionsBalancer();
        int[] active = [9, 0, 4, 1]; // 22 picks fill the others up to 9
        for (var i = 0; i < 40; i++)
        {
            active[balancer.Choose(Loads(active))]++;
            if (i >= 21) Assert.True(active.Max() - active.Min() <= 1, string.Join(",", active));
        }
    }

    [Fact]
    public void Least_connections_picks_the_least_busy_and_the_lowest_number_on_a_tie()
    {
        var balancer = new LeastConnectionsBalancer();
        Assert.Equal(2, balancer.Choose(Loads([3, 2, 1, 1])));
        Assert.Equal(0, balancer.Choose(Loads([0, 0, 0])));
    }

    [Theory]
    [InlineData(new[] { 3, 1 })]
    [InlineData(new[] { 5, 3, 2 })]
    [InlineData(new[] { 1, 1, 1, 1 })]
    public void Weighted_round_robin_gives_each_instance_its_weights_share(int[] weights)
    {
        var balancer = new WeightedRoundRobinBalancer();
        var loads = weights.Select((w, i) => Load(i, 0, weight: w)).ToList();
        var picks = new int[weights.Length];
        const int Rounds = 1_000;
        for (var i = 0; i < Rounds; i++) picks[balancer.Choose(loads)]++;

        for (var i = 0; i < weights.Length; i++)
        {
            var expected = Rounds * (double)weights[i] / weights.Sum();
            Assert.InRange(picks[i], expected * 0.98, expected * 1.02);
        }
    }

    [Fact]
    public void Weighted_round_robin_interleaves_rather_than_bursting()
    {
        var balancer = new WeightedRoundRobinBalancer();
        var loads = new[] { Load(0, 0, weight: 2), Load(1, 0, weight: 1) };
        var sequence = string.Concat(Enumerable.Range(0, 6).Select(_ => balancer.Choose(loads)));
        Assert.Equal("010010", sequence);
    }

    [Fact]
    public void Weighted_round_robin_over_a_changing_set_still_follows_the_weights_of_who_is_there()
    {
        var balancer = new WeightedRoundRobinBalancer();
        var all = new[] { Load(0, 0, weight: 3), Load(1, 0, weight: 1), Load(2, 0, weight: 1) };
        var picks = new Dictionary<string, int>();
        for (var i = 0; i < 500; i++)
        {
            var available = i % 5 == 0 ? all[..2] : all; // instance 2 is full one round in five
            var chosen = available[balancer.Choose(available)].Name;
            picks[chosen] = picks.GetValueOrDefault(chosen) + 1;
        }

        Assert.True(picks["code"] > picks["code.1"] * 2.5, string.Join(",", picks));
        Assert.True(picks["code.2"] < picks["code.1"], string.Join(",", picks));
    }

    [Fact]
    public void Resource_based_prefers_the_instance_on_the_idler_silo()
    {
        var balancer = new ResourceBasedBalancer();
        var loads = new[] { Load(0, 1, cpu: 0.9, memory: 0.5), Load(1, 1, cpu: 0.1, memory: 0.5) };
        Assert.Equal(1, balancer.Choose(loads));
    }

    [Fact]
    public void Resource_based_weighs_cpu_memory_and_tasks_as_the_seed_does()
    {
        // 0.4 × 0.5 + 0.3 × 0.2 + 0.3 × 0.25 = 0.335 against 0.4 × 0.2 + 0.3 × 0.9 + 0.3 × 0 = 0.35
        var first = Load(0, 1, cpu: 0.5, memory: 0.2);
        var second = Load(1, 0, cpu: 0.2, memory: 0.9);
        Assert.Equal(0.335, ResourceBasedBalancer.ScoreOf(first, 0, 0), 3);
        Assert.Equal(0.35, ResourceBasedBalancer.ScoreOf(second, 0, 0), 3);
        Assert.Equal(0, new ResourceBasedBalancer().Choose([first, second]));
    }

    [Fact]
    public void Resource_based_on_equal_silos_picks_fewer_tasks_and_treats_an_unmeasured_silo_as_average()
    {
        var balancer = new ResourceBasedBalancer();
        Assert.Equal(1, balancer.Choose([Load(0, 3, cpu: 0.4, memory: 0.4), Load(1, 1, cpu: 0.4, memory: 0.4)]));

        // Unmeasured counts as the average (0.5, 0.5): it loses to an idle measured silo and beats a busy one.
        Assert.Equal(1, balancer.Choose([Load(0, 0), Load(1, 0, cpu: 0.1, memory: 0.1), Load(2, 0, cpu: 0.9, memory: 0.9)]));
        Assert.Equal(0, balancer.Choose([Load(0, 0), Load(1, 0, cpu: 0.9, memory: 0.9), Load(2, 0, cpu: 0.9, memory: 0.9)]));
    }

    private static List<AgentInstanceLoad> Loads(int[] active) => [.. active.Select((a, i) => Load(i, a))];

    private static AgentInstanceLoad Load(int index, int active, int weight = 1, double? cpu = null, double? memory = null) => new()
    {
        Name = index == 0 ? "code" : $"code.{index}", AgentType = "code", Index = index, ActiveTasks = active, Capacity = 4, Weight = weight,
        SiloCpu = cpu, SiloMemory = memory,
    };
}
