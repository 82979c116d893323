using TDeveloper.Testing;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Agents.Balancing;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

/// <summary>A session's parallel steps spread over several instances of their agent type, on two silos.</summary>
public sealed class AgentBalancingClusterTests : FileStoreClusterFixture
{
    private readonly GatedChatClient _model = new(TestModels.FastOffline());

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddTestModel(_model);

    [Fact]
    public async Task Ten_parallel_code_steps_fill_instances_to_80_percent_then_start_new_ones_and_all_finish()
    {
        var gate = _model.Hold(AgentNames.Code);
        var session = await SessionFlow.CreateSessionAsync(Client);
        var plan = new WorkflowPlan { Steps = [.. Enumerable.Range(1, 10).Select(i => new PlanStep { Id = $"part{i}", Agent = AgentNames.Code, Instruction = $"implement part {i}" })] };
        var submitted = await session.SubmitRequestAsync(new SubmitRequestInput { Text = "implement ten parts", Plan = plan });
        Assert.Equal(CommandOutcome.Ok, submitted.Outcome);
        var workflow = Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("acme", submitted.Value!.WorkflowId));
        var pool = Client.GetGrain<IAgentPoolGrain>(session.GetPrimaryKeyString());

        // The built-in code type runs 4 tasks at once: an instance takes work while under 80 % (3.2), so it takes 4,
        // then the next instance starts: 4 + 4 + 2. Every instance reports the silo it activated on.
        var held = await WaitForPoolAsync(pool, p => p.Instances.Sum(i => i.ActiveTasks) == 10 && p.Instances.All(i => i.Silo is not null));
        string[] instances = [AgentNames.Code, AgentInstances.NameOf(AgentNames.Code, 1), AgentInstances.NameOf(AgentNames.Code, 2)];
        Assert.Equal(instances, held.Instances.Select(i => i.Name));
        Assert.Equal([4, 4, 2], held.Instances.Select(i => i.ActiveTasks));
        Assert.Equal(BalancingStrategy.LeastConnections, held.Strategies[AgentNames.Code]);
        Assert.All((await workflow.GetAsync())!.Steps, s => Assert.StartsWith(AgentNames.Code, s.Instance));

        gate.Open();
        var finished = await SessionFlow.FinishedAsync(Client, session, workflow);
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);

        // Each instance ran the steps it was leased, and every lease ended with its result.
        var byInstance = finished.Steps.GroupBy(s => s.Instance!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { [instances[0]] = 4, [instances[1]] = 4, [instances[2]] = 2 }, byInstance);
        foreach (var (instance, steps) in byInstance)
            Assert.Equal(steps, (await Client.GetGrain<IAgentGrain>(GrainKeys.Agent(session.GetPrimaryKeyString(), instance)).GetAsync()).TasksCompleted);
        var drained = await WaitForPoolAsync(pool, p => p.Instances.Sum(i => i.ActiveTasks) == 0);
        Assert.Equal(0, drained.Overflowed);
    }

    // The silos are reported and the leases ended by one-way messages, which announce nothing.
    private static Task<AgentPoolSnapshot> WaitForPoolAsync(IAgentPoolGrain pool, Func<AgentPoolSnapshot, bool> condition) =>
        Polling.UntilAsync(pool.GetAsync, condition, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50),
            snapshot => $"the pool did not reach the awaited state; last: {string.Join(", ", snapshot.Instances.Select(i => $"{i.Name}={i.ActiveTasks}@{i.Silo ?? "?"}"))}");
}
