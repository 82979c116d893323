using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;

namespace TDeveloper.Cluster.Tests;

/// <summary>A model that remembers the user message of each call that starts a turn (not the calls carrying a tool's result back), in front of the offline model.</summary>
public sealed class RecordingChatClient(IChatClient inner) : AnswerOnceChatClient(inner)
{
    public ConcurrentQueue<ChatMessage> UserMessages { get; } = new();

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        if (StartsTurn(list)) UserMessages.Enqueue(list[^1]);
        return base.GetResponseAsync(list, options, cancellationToken);
    }
}

/// <summary>One silo whose only catalog model (the offline one, recorded) declares Vision.</summary>
public sealed class VisionClusterFixture : FileStoreClusterFixture
{
    public RecordingChatClient Model { get; } = new(TestModels.FastOffline());

    protected override short Silos => 1;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Models:Catalog:0:Id"] = OfflineChatClient.ModelId,
        ["TDeveloper:Models:Catalog:0:Provider"] = ModelProviders.Offline,
        ["TDeveloper:Models:Catalog:0:Capabilities"] = "Vision, Tools",
    };

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddTestModel(Model);
}

public class MultimodalTests(VisionClusterFixture fixture) : IClassFixture<VisionClusterFixture>
{
    [Fact]
    public async Task Every_agent_step_sends_the_image_after_the_masked_text()
    {
        byte[] png = [137, 80, 78, 71, 13, 10, 26, 10];
        var session = await SessionFlow.CreateSessionAsync(fixture.Client);
        var submitted = await session.SubmitRequestAsync(new SubmitRequestInput
        {
            Text = "build the page in this mock-up for ops@example.com",
            Parts = [new RequestPart { Kind = RequestPartKind.Image, ContentType = "image/png", Name = "mockup.png", Data = png }],
        });
        Assert.Equal(CommandOutcome.Ok, submitted.Outcome);
        var workflow = fixture.Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow(GrainKeys.TenantOf(session.GetPrimaryKeyString()), submitted.Value!.WorkflowId));

        var finished = await SessionFlow.FinishedAsync(fixture.Client, session, workflow);

        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        // The decision engine's classifier is sent the (masked) request text alone; every agent step's message starts with its instruction.
        Assert.Contains(fixture.Model.UserMessages, m => m.Text.StartsWith("build the page", StringComparison.Ordinal) && !m.Contents.OfType<DataContent>().Any() && !m.Text.Contains("ops@example.com"));
        var sent = fixture.Model.UserMessages.Where(m => m.Text.Contains("build the page") && !m.Text.StartsWith("build the page", StringComparison.Ordinal)).ToList();
        Assert.Equal(finished.Steps.Length, sent.Count);
        Assert.All(sent, message =>
        {
            Assert.Contains("[EMAIL]", message.Text);
            Assert.DoesNotContain("ops@example.com", message.Text);
            var image = Assert.Single(message.Contents.OfType<DataContent>());
            Assert.Equal(("image/png", "mockup.png"), (image.MediaType, image.Name));
            Assert.Equal(png, image.Data.ToArray());
        });
    }

    [Fact]
    public async Task Audio_is_refused_when_the_catalog_has_no_audio_model()
    {
        var session = await SessionFlow.CreateSessionAsync(fixture.Client);
        var submitted = await session.SubmitRequestAsync(new SubmitRequestInput
        {
            Text = "transcribe this",
            Parts = [new RequestPart { Kind = RequestPartKind.Audio, ContentType = "audio/wav", Data = [1, 2, 3] }],
        });

        Assert.Equal(CommandOutcome.Invalid, submitted.Outcome);
        Assert.Contains("Audio", submitted.Error);
    }
}
