using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;
using TDeveloper.Hosting.Checkpoints;

namespace TDeveloper.Cluster.Tests;

/// <summary>
/// Checkpoints on two silos sharing a checkpoint directory (as silos share a bucket): the working memory an agent loses with
/// its silo comes back from the session's checkpoint, and the checkpoint branches into a new session on the surviving silo.
/// </summary>
public sealed class CheckpointClusterTests : FileStoreClusterFixture, IDisposable
{
    private readonly TempDirectory _checkpoints = new();

    protected override void ConfigureSiloServices(IServiceCollection services) =>
        services.AddSingleton<ICheckpointBlobStore>(new LocalCheckpointBlobStore(Options.Create(new CheckpointOptions { Directory = _checkpoints.Path })));

    [Fact]
    public async Task An_agent_killed_with_its_silo_recovers_its_memory_and_the_checkpoint_branches_on_the_other_silo()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);
        var sessionKey = session.GetPrimaryKeyString();
        var workflow = await SessionFlow.SubmitAsync(Client, session, "design and implement an invoice parser");
        var finished = await SessionFlow.FinishedAsync(Client, session, workflow);
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        var files = await Client.GetGrain<IWorkspaceGrain>(sessionKey).ListAsync();
        Assert.NotEmpty(files);
        var content = (await Client.GetGrain<IWorkspaceGrain>(sessionKey).ReadAsync(files[0].Path))!.Content;

        var names = finished.Steps.Where(s => s.Kind == StepKind.Agent).Select(s => s.Agent).Distinct().Order().ToList();
        var before = await Task.WhenAll(names.Select(name => Agent(sessionKey, name).ExportAsync()));
        var taken = await session.CheckpointAsync("before the crash");
        Assert.True(taken.IsOk, taken.Error);
        Assert.Contains(taken.Value, await session.ListCheckpointsAsync());

        // The agent's working and short-term memory live in its activation only: killing its silo loses them.
        var agent = Agent(sessionKey, names[0]);
        Assert.Contains(before[0].Memory, i => i.Tier != MemoryTier.LongTerm);
        Assert.True(Cluster.TryGetGrainContext(agent.GetGrainId(), out var context), "the agent is active somewhere");
        var doomed = Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
        await Cluster.KillSiloAsync(doomed);
        Assert.DoesNotContain((await agent.ExportAsync()).Memory, i => i.Tier != MemoryTier.LongTerm);

        var recovery = await session.RecoverAsync();

        Assert.Equal((RecoveryOutcome.Recovered, taken.Value!.Id), (recovery.Outcome, recovery.CheckpointId));
        Assert.Empty(recovery.Skipped);
        Assert.Equal(Memory(before[0]), Memory(await agent.ExportAsync()));

        var branchId = GrainKeys.NewSessionId();
        var branched = await session.BranchAsync(new BranchSessionInput { CheckpointId = taken.Value.Id, NewSessionId = branchId, Owner = "time-traveller" });

        Assert.True(branched.IsOk, branched.Error);
        var branch = branched.Value!;
        Assert.Equal((GrainKeys.LocalIdOf(sessionKey), taken.Value.Id, "time-traveller"), (branch.BranchedFromSessionId, branch.BranchedFromCheckpointId, branch.Owner));
        var inherited = Assert.Single(branch.Requests);
        Assert.Equal((workflow.GetPrimaryKeyString()[(workflow.GetPrimaryKeyString().IndexOf('/') + 1)..], GrainKeys.LocalIdOf(sessionKey), WorkflowStatus.Completed, WorkflowStatus.Completed),
            (inherited.WorkflowId, inherited.FromSessionId, inherited.Status, inherited.StatusAtCheckpoint));
        var branchKey = GrainKeys.Session("acme", branchId);
        for (var i = 0; i < names.Count; i++)
        {
            var restored = await Agent(branchKey, names[i]).ExportAsync();
            Assert.Equal(Memory(before[i]), Memory(restored));
            Assert.Equal((before[i].TasksCompleted, before[i].TotalTokens), (restored.TasksCompleted, restored.TotalTokens));
        }

        var branchFiles = await Client.GetGrain<IWorkspaceGrain>(branchKey).ListAsync();
        Assert.Equal(files.Select(f => (f.Path, f.Hash)), branchFiles.Select(f => (f.Path, f.Hash)));
        Assert.Equal(content, (await Client.GetGrain<IWorkspaceGrain>(branchKey).ReadAsync(files[0].Path))!.Content); // from the checkpoint's copy: the test's workspace store died with the silo
        Assert.Contains(taken.Value.Id, (await session.ListCheckpointsAsync()).Select(c => c.Id)); // the source is unchanged
        Assert.Null((await session.GetAsync())!.BranchedFromSessionId);
    }

    public void Dispose() => _checkpoints.Dispose();

    private IAgentCheckpoints Agent(string sessionKey, string name) => Client.GetGrain<IAgentCheckpoints>(GrainKeys.Agent(sessionKey, name));

    private static List<(string, MemoryTier, int, string)> Memory(AgentCheckpoint agent) =>
        [.. agent.Memory.Select(i => (i.Id, i.Tier, i.AccessCount, i.Text)).OrderBy(i => i.Id, StringComparer.Ordinal)];
}
