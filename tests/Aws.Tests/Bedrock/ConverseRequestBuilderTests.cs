using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using TDeveloper.Aws.Bedrock;

namespace TDeveloper.Aws.Tests.Bedrock;

public class ConverseRequestBuilderTests
{
    private static readonly AIFunction Lookup = AIFunctionFactory.Create((string name) => name, "lookup", "Looks a name up.");

    private static JsonObject Build(IEnumerable<ChatMessage> messages, ChatOptions? options = null) => ConverseRequestBuilder.Build("m", messages, options);

    [Fact]
    public void Instructions_and_system_messages_become_system_blocks_and_blank_text_is_left_out()
    {
        var body = Build([new(ChatRole.System, "Be brief."), new(ChatRole.User, [new TextContent("  "), new TextContent("Hi")])], new ChatOptions { Instructions = "You are the planner." });

        Assert.Equal(["You are the planner.", "Be brief."], body["system"]!.AsArray().Select(b => (string?)b!["text"]));
        var content = Assert.Single(body["messages"]!.AsArray())!["content"]!.AsArray();
        Assert.Equal("Hi", (string?)Assert.Single(content)!["text"]);
        Assert.Null(body["inferenceConfig"]);
        Assert.Null(body["toolConfig"]);
        Assert.Null(body["requestMetadata"]);
    }

    [Fact]
    public void Consecutive_messages_of_one_role_are_merged_so_that_roles_alternate()
    {
        var body = Build([new(ChatRole.User, "one"), new(ChatRole.User, "two"), new(ChatRole.Assistant, "three"), new(ChatRole.Assistant, "four"), new(ChatRole.User, "five")]);

        var turns = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], turns.Select(t => (string?)t!["role"]));
        Assert.Equal(["one", "two"], turns[0]!["content"]!.AsArray().Select(b => (string?)b!["text"]));
        Assert.Equal(["three", "four"], turns[1]!["content"]!.AsArray().Select(b => (string?)b!["text"]));
    }

    [Fact]
    public void Tool_modes_map_to_Converse_tool_choices()
    {
        ChatOptions With(ChatToolMode? mode) => new() { Tools = [Lookup], ToolMode = mode };

        Assert.Null(Build([new(ChatRole.User, "x")], With(null))["toolConfig"]!["toolChoice"]);
        Assert.NotNull(Build([new(ChatRole.User, "x")], With(ChatToolMode.Auto))["toolConfig"]!["toolChoice"]!["auto"]);
        Assert.NotNull(Build([new(ChatRole.User, "x")], With(ChatToolMode.RequireAny))["toolConfig"]!["toolChoice"]!["any"]);
        Assert.Equal("lookup", (string?)Build([new(ChatRole.User, "x")], With(ChatToolMode.RequireSpecific("lookup")))["toolConfig"]!["toolChoice"]!["tool"]!["name"]);
        Assert.Null(Build([new(ChatRole.User, "x")], With(ChatToolMode.None))["toolConfig"]);
    }

    [Fact]
    public void With_no_tool_choice_the_tools_stay_when_the_conversation_already_holds_tool_blocks()
    {
        List<ChatMessage> history = [new(ChatRole.User, "x"), new(ChatRole.Assistant, [new FunctionCallContent("c1", "lookup", new Dictionary<string, object?> { ["name"] = "a" })]), new(ChatRole.Tool, [new FunctionResultContent("c1", "a")])];

        var body = Build(history, new ChatOptions { Tools = [Lookup], ToolMode = ChatToolMode.None });

        Assert.Equal("lookup", (string?)body["toolConfig"]!["tools"]![0]!["toolSpec"]!["name"]);
        Assert.Null(body["toolConfig"]!["toolChoice"]);
    }

    [Fact]
    public void A_failed_tool_call_is_sent_back_as_an_error_result()
    {
        var body = Build([new(ChatRole.User, "x"), new(ChatRole.Tool, [new FunctionResultContent("c1", null) { Exception = new InvalidOperationException("no such file") }])]);

        var result = body["messages"]![0]!["content"]![1]!["toolResult"]!;
        Assert.Equal("error", (string?)result["status"]);
        Assert.Equal("no such file", (string?)result["content"]![0]!["text"]);
    }

    [Theory]
    [InlineData("wf-1/step-2/3", true)]
    [InlineData("wf|1", false)]
    [InlineData("schritt-ü", false)]
    public void The_idempotency_key_goes_into_requestMetadata_when_Converse_allows_its_characters(string key, bool sent)
    {
        var body = Build([new(ChatRole.User, "x")], new ChatOptions { AdditionalProperties = new() { ["idempotency_key"] = key } });

        Assert.Equal(sent ? key : null, (string?)body["requestMetadata"]?["idempotency_key"]);
        Assert.Equal(key.All(char.IsAscii) ? key : Uri.EscapeDataString(key), BedrockConnection.HeaderValueOf(key));
    }

    [Theory]
    [InlineData("image/jpeg", "image", "jpeg")]
    [InlineData("image/webp", "image", "webp")]
    [InlineData("image/gif", "image", "gif")]
    [InlineData("text/csv", "document", "csv")]
    [InlineData("text/markdown; charset=utf-8", "document", "md")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document", "docx")]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document", "xlsx")]
    [InlineData("text/html", "document", "html")]
    [InlineData("text/plain", "document", "txt")]
    public void Images_and_documents_take_their_Converse_format_from_the_media_type(string mediaType, string block, string format)
    {
        var body = Build([new(ChatRole.User, [new DataContent(new byte[] { 1, 2 }, mediaType)])]);

        var content = body["messages"]![0]!["content"]![0]![block]!;
        Assert.Equal(format, (string?)content["format"]);
        Assert.Equal("AQI=", (string?)content["source"]!["bytes"]);
        if (block == "document") Assert.Equal("document-1", (string?)content["name"]);
    }
}
