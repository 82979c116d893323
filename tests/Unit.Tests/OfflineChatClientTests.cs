using Microsoft.Extensions.AI;
using TDeveloper.Grains.Agents;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Models;

namespace TDeveloper.Unit.Tests;

public class OfflineChatClientTests
{
    private static readonly OfflineChatClient Model = new(Microsoft.Extensions.Options.Options.Create(new OfflineModelOptions { Latency = TimeSpan.Zero }), TimeProvider.System);

    private static Task<ChatResponse> Ask(string agent, string task) =>
        Model.GetResponseAsync([new(ChatRole.System, AgentPrompts.SystemPromptFor(agent)), new(ChatRole.User, task)]);

    [Fact]
    public async Task Answers_are_labelled_deterministic_and_shaped_by_the_agent()
    {
        var first = await Ask(AgentNames.Code, "Implement this request: add a login API with tests");
        var second = await Ask(AgentNames.Code, "Implement this request: add a login API with tests");
        var tests = await Ask(AgentNames.Test, "Write automated tests that verify this request: add a login API with tests");

        Assert.Equal(first.Text, second.Text);
        Assert.StartsWith($"{OfflineAnswers.Label} {AgentNames.Code}", first.Text);
        Assert.Contains("class LoginService", first.Text);
        Assert.Contains("LoginServiceTests", tests.Text);
        Assert.Equal(OfflineChatClient.ModelId, first.ModelId);
        Assert.True(first.Usage?.TotalTokenCount > 0);
    }

    [Fact]
    public async Task Latency_honours_cancellation()
    {
        var slow = new OfflineChatClient(Microsoft.Extensions.Options.Options.Create(new OfflineModelOptions { Latency = TimeSpan.FromMinutes(5) }), TimeProvider.System);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow.GetResponseAsync([new(ChatRole.User, "x")], cancellationToken: cancel.Token));
    }

    [Theory]
    [InlineData("add a login API with tests", "Login")]
    [InlineData("Implement this request: build the invoice exporter", "Invoice")]
    [InlineData("do it", "Feature")]
    public void The_subject_is_the_first_meaningful_word(string text, string subject) => Assert.Equal(subject, OfflineAnswers.SubjectOf(text));
}
