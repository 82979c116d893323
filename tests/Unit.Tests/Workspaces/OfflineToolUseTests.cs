using Microsoft.Extensions.AI;
using TDeveloper.Grains.Agents;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Unit.Tests.Workspaces;

/// <summary>The offline model offered the workspace tools writes its file first, then answers naming it; the function-invoking client runs the loop.</summary>
public class OfflineToolUseTests
{
    private static readonly OfflineChatClient Model = new(Microsoft.Extensions.Options.Options.Create(new OfflineModelOptions { Latency = TimeSpan.Zero }), TimeProvider.System);

    [Theory]
    [InlineData(AgentNames.Code, "src/LoginService.cs", "class LoginService")]
    [InlineData(AgentNames.Test, "tests/LoginServiceTests.cs", "class LoginServiceTests")]
    [InlineData(AgentNames.Design, "docs/design/login.md", "## Design of Login")]
    [InlineData(AgentNames.Docs, "docs/login.md", "## Login")]
    [InlineData(AgentNames.Security, "reviews/login-security.md", "## Security review of Login")]
    [InlineData(AgentNames.Review, "reviews/login.md", "## Review of Login")]
    public async Task Offered_write_file_an_agent_calls_it_with_its_file(string agent, string path, string content)
    {
        var first = await Model.GetResponseAsync(Conversation(agent), new ChatOptions { Tools = [WriteFile((_, _) => "")] });

        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(WorkspaceTools.WriteFileName, call.Name);
        Assert.Equal(path, call.Arguments!["path"]);
        Assert.Contains(content, (string)call.Arguments["content"]!);
        Assert.DoesNotContain("```", (string)call.Arguments["content"]!);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
    }

    [Fact]
    public async Task Through_the_function_loop_the_file_is_written_once_and_the_answer_names_it()
    {
        var writes = new List<(string Path, string Content)>();
        using var client = new ChatClientBuilder(Model).UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync(Conversation(AgentNames.Code), new ChatOptions { Tools = [WriteFile((p, c) => { writes.Add((p, c)); return $"Wrote {p} ({c.Length} bytes)."; })] });

        Assert.Equal("src/LoginService.cs", Assert.Single(writes).Path);
        Assert.StartsWith(OfflineAnswers.Label, response.Text);
        Assert.Contains("Files written: `src/LoginService.cs`", response.Text);
    }

    [Fact]
    public async Task A_refused_write_is_reported_in_the_answer()
    {
        using var client = new ChatClientBuilder(Model).UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync(Conversation(AgentNames.Docs), new ChatOptions { Tools = [WriteFile((_, _) => "Refused: the workspace is full")] });

        Assert.Contains("Could not write `docs/login.md`: Refused: the workspace is full", response.Text);
    }

    [Fact]
    public async Task Without_tools_or_for_an_agent_without_a_file_the_answer_is_plain_text()
    {
        var plain = await Model.GetResponseAsync(Conversation(AgentNames.Code));
        var other = await Model.GetResponseAsync(Conversation("PlannerAgent"), new ChatOptions { Tools = [WriteFile((_, _) => "")] });

        Assert.Empty(plain.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Empty(other.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.DoesNotContain("Files written", plain.Text);
    }

    private static List<ChatMessage> Conversation(string agent) =>
        [new(ChatRole.System, AgentPrompts.SystemPromptFor(agent)), new(ChatRole.User, "Implement this request: add a login API with tests")];

    private static AIFunction WriteFile(Func<string, string, string> write) =>
        AIFunctionFactory.Create((string path, string content) => write(path, content), WorkspaceTools.WriteFileName);
}
