using Orleans.TestingHost;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

/// <summary>Kills silos at random points while workflows run, many times, and checks every step took effect exactly once.</summary>
public sealed class ChaosTests : IAsyncLifetime
{
    private const int Rounds = 6;
    private readonly TempDirectory _state = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusterFactory.StartAsync(_state.Path, silos: 3, modelLatency: TimeSpan.FromMilliseconds(300));

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Workflows_survive_repeated_silo_kills_with_every_step_done_exactly_once()
    {
        var client = _cluster.Client;
        var runs = new List<(ISessionGrain Session, IWorkflowGrain Workflow)>();
        for (var i = 0; i < 4; i++)
        {
            var session = await SessionFlow.CreateSessionAsync(client);
            runs.Add((session, await SessionFlow.SubmitAsync(client, session, $"design and implement service {i} with tests, a security audit and a final review")));
        }

        var random = new Random(20261125);
        for (var round = 0; round < Rounds; round++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 1200)));
            var victim = _cluster.Silos[random.Next(_cluster.Silos.Count)];
            await _cluster.KillSiloAsync(victim);
            await _cluster.StartAdditionalSiloAsync();
        }

        foreach (var (session, workflow) in runs)
        {
            var finished = await Eventually.MatchAsync(
                async () => await session.GetAsync(), s => !s!.Requests.Single().Status.IsActive(),
                timeout: TimeSpan.FromMinutes(3), what: $"workflow of {session.GetPrimaryKeyString()} finished");
            Assert.Equal(WorkflowStatus.Completed, finished!.Requests.Single().Status);

            var snapshot = await workflow.GetAsync();
            Assert.All(snapshot!.Steps, step =>
            {
                Assert.Equal(StepStatus.Completed, step.Status);
                Assert.True(step.Attempts == 1, $"step {step.Id} was attempted {step.Attempts} times");
            });

            // Each agent records each finished task once under its idempotency key: one completion per step.
            var agents = await Task.WhenAll(snapshot.Steps.Select(s => s.Agent).Distinct()
                .Select(agent => client.GetGrain<IAgentGrain>(GrainKeys.Agent(session.GetPrimaryKeyString(), agent)).GetAsync()));
            Assert.Equal(snapshot.Steps.Length, agents.Sum(a => a.TasksCompleted));
            Assert.All(agents, a => Assert.Null(a.TaskInFlight));
        }
    }
}
