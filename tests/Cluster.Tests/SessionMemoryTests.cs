using TDeveloper.Testing;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Memory;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Sessions.Memory;

namespace TDeveloper.Cluster.Tests;

/// <summary>Two silos, a <see cref="ScriptedChatClient"/> model, and the offline embedding model for memory search.</summary>
public sealed class SessionMemoryClusterFixture : FileStoreClusterFixture
{
    public ScriptedChatClient Model { get; } = new(TestModels.FastOffline());

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Agents:Memory:EmbeddingModel"] = OfflineEmbeddingGenerator.ModelId,
        ["TDeveloper:Sessions:Memory:SaveInterval"] = "00:00:00.200",
    };

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddTestModel(Model);
}

/// <summary>Session memory on two silos: what one agent found reaches another agent's prompt in the same session.</summary>
public class SessionMemoryTests(SessionMemoryClusterFixture fixture) : IClassFixture<SessionMemoryClusterFixture>
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task One_agents_result_is_in_another_agents_context_in_the_same_session_only()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);
        var other = await SessionFlow.CreateSessionAsync(Client);
        var design = await RunAsync(session, AgentNames.Design, "design the walrus ledger schema");
        var output = Assert.Single(design.Steps).Output!;

        // The result is shared one-way after the step: wait until the session's memory holds it.
        var memory = Client.GetGrain<ISessionMemoryGrain>(session.GetPrimaryKeyString());
        var found = await WaitForAsync(memory, "walrus ledger");
        var shared = Assert.Single(found.Items);
        Assert.Equal(AgentNames.Design, shared.Source);
        Assert.Equal("result", shared.Kind);
        Assert.Equal(MemoryImportance.High, shared.Importance);
        Assert.True(found.VectorSearch);
        Assert.NotNull(shared.Similarity); // embedded in the background with the offline model

        await RunAsync(session, AgentNames.Code, "implement the walrus ledger service");
        await RunAsync(other, AgentNames.Code, "implement the walrus ledger importer");

        var codePrompt = Assert.Single(fixture.Model.SystemPromptsFor("implement the walrus ledger service"));
        Assert.StartsWith("You are CodeAgent", codePrompt);
        Assert.Contains(SessionMemoryGrain.ContextHeader, codePrompt);
        Assert.Contains("- result from DesignAgent: " + output[..Math.Min(60, output.Length)], codePrompt);
        Assert.DoesNotContain(AgentMemory.ContextHeader, codePrompt); // CodeAgent itself remembers nothing yet in this session
        var otherPrompt = Assert.Single(fixture.Model.SystemPromptsFor("implement the walrus ledger importer"));
        Assert.DoesNotContain(SessionMemoryGrain.ContextHeader, otherPrompt); // another session's memory is its own

        // CodeAgent's own result joined the session's memory too, and the design was recalled by the context.
        var after = await WaitForAsync(memory, "walrus ledger", items: 2);
        Assert.Equal([AgentNames.Code, AgentNames.Design], after.Items.Select(i => i.Source!).Order());
        Assert.Equal(1, after.Items.Single(i => i.Source == AgentNames.Design).AccessCount);
        Assert.Equal(MemoryTier.ShortTerm, after.Items.Single(i => i.Source == AgentNames.Design).Tier);
    }

    private async Task<WorkflowSnapshot> RunAsync(ISessionGrain session, string agent, string instruction)
    {
        var plan = new WorkflowPlan { Steps = [new() { Id = "only", Agent = agent, Instruction = instruction }] };
        var submitted = await session.SubmitRequestAsync(new SubmitRequestInput { Text = instruction, Plan = plan });
        Assert.True(submitted.Outcome == CommandOutcome.Ok, submitted.Error);
        var workflow = Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("acme", submitted.Value!.WorkflowId));
        var finished = await SessionFlow.FinishedAsync(Client, session, workflow);
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        return finished;
    }

    /// <summary>Searches until <paramref name="items"/> items are found (the fact the test waits on), for at most 10 s.</summary>
    private static Task<MemorySearchResult> WaitForAsync(ISessionMemoryGrain memory, string query, int items = 1) =>
        Polling.UntilAsync(() => memory.SearchAsync(new MemorySearchInput { Query = query }), found => found.Items.Length >= items && found.Items.All(i => i.Similarity is not null),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), found => $"the session's memory holds {found.Items.Length} of {items} items for '{query}'");
}
