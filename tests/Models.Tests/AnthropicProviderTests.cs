using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;

namespace TDeveloper.Models.Tests;

/// <summary>The anthropic provider against a stub of Anthropic's Messages API.</summary>
public sealed class AnthropicProviderTests : ProviderTests
{
    protected override Dictionary<string, string?> EntryFor(Uri stub) => new()
    {
        ["Provider"] = ModelProviders.Anthropic,
        ["ProviderModelId"] = "claude-test",
        ["Endpoint"] = stub.ToString(),
        ["ApiKey"] = "sk-ant-test",
        ["Capabilities"] = "Tools",
    };

    [Fact]
    public async Task Answers_with_the_text_and_the_usage_of_the_message()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Message("""[{"type":"text","text":"Hello from Claude"}]""", "end_turn"));

        var answer = await Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options());

        Assert.Equal("Hello from Claude", answer.Text);
        Assert.Equal(12, answer.Usage?.InputTokenCount);
        Assert.Equal(6, answer.Usage?.OutputTokenCount);
        var request = Server.LastRequest;
        Assert.Equal("/v1/messages", request.Path);
        // This SDK version sends the API key as a bearer token (its documented behaviour).
        Assert.Equal("Bearer sk-ant-test", request.Header("Authorization"));
        Assert.NotNull(request.Header("anthropic-version"));
        Assert.Equal("claude-test", request.Json.GetProperty("model").GetString());
        Assert.Contains("You are terse.", request.Json.GetProperty("system").ToString());
        Assert.True(request.Json.GetProperty("max_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Sends_the_step_attempts_idempotency_key_as_a_header_and_not_in_the_body()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Message("""[{"type":"text","text":"ok"}]""", "end_turn"));

        await Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options("wf-7/step-3/attempt-2"));

        Assert.Equal("wf-7/step-3/attempt-2", Server.LastRequest.Header("Idempotency-Key"));
        Assert.DoesNotContain("idempotency_key", Server.LastRequest.Body);
    }

    [Fact]
    public async Task Streams_the_text_deltas_and_the_usage_of_message_start_and_message_delta()
    {
        Server.Respond = (_, response) => StubServer.SseAsync(response,
        [
            ("message_start", """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-test","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}"""),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            ("ping", """{"type":"ping"}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}}"""),
            ("message_stop", """{"type":"message_stop"}"""),
        ]);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Services.ChatClient().GetStreamingResponseAsync(ModelHost.Question, ModelHost.Options()))
            updates.Add(update);

        Assert.Equal(["Hel", "lo"], updates.Select(u => u.Text).Where(t => t.Length > 0));
        var response = updates.ToChatResponse();
        Assert.Equal("Hello", response.Text);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(6, response.Usage?.OutputTokenCount);
        Assert.True(Server.LastRequest.Json.GetProperty("stream").GetBoolean());
        Assert.Equal("wf-1/step-2/attempt-1", Server.LastRequest.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Surfaces_a_tool_use_block_as_function_call_content()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Message(
            """[{"type":"text","text":"Reading it."},{"type":"tool_use","id":"toolu_1","name":"read_file","input":{"path":"README.md"}}]""", "tool_use"));

        var answer = await Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options(tools: ModelHost.ReadFileTool));

        var call = Assert.Single(answer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("read_file", call.Name);
        Assert.Equal("toolu_1", call.CallId);
        Assert.Equal("README.md", call.Arguments?["path"]?.ToString());
        Assert.Equal("read_file", Server.LastRequest.Json.GetProperty("tools")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(429, "rate_limit_error", ModelErrorKind.RateLimited)]
    [InlineData(500, "api_error", ModelErrorKind.Internal)]
    [InlineData(529, "overloaded_error", ModelErrorKind.Internal)]
    [InlineData(503, "api_error", ModelErrorKind.Unavailable)]
    [InlineData(401, "authentication_error", ModelErrorKind.AccessDenied)]
    [InlineData(403, "permission_error", ModelErrorKind.AccessDenied)]
    [InlineData(404, "not_found_error", ModelErrorKind.NotFound)]
    [InlineData(400, "invalid_request_error", ModelErrorKind.InvalidRequest)]
    public async Task Maps_an_error_status_to_its_kind_after_one_request(int status, string type, ModelErrorKind kind)
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Error(type), status);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options()));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(ModelProviders.Anthropic, error.Provider);
        Assert.Equal(ModelHost.ModelId, error.Model);
        // The SDK's own retries are off: the fallback chain decides.
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Takes_the_wait_a_throttled_response_asks_for()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Error("rate_limit_error"), 429, ("retry-after", "3"));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options()));

        Assert.Equal(ModelErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public async Task Maps_an_error_event_in_the_middle_of_a_stream_by_its_type()
    {
        Server.Respond = (_, response) => StubServer.SseAsync(response,
        [
            ("message_start", """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-test","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}"""),
            ("error", Error("overloaded_error")),
        ]);

        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var _ in Services.ChatClient().GetStreamingResponseAsync(ModelHost.Question, ModelHost.Options())) { }
        });

        Assert.Equal(ModelErrorKind.Unavailable, error.Kind);
        Assert.True(error.IsRetryable);
    }

    private static string Message(string content, string stopReason) =>
        $$$"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-test","content":{{{content}}},"stop_reason":"{{{stopReason}}}","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":6}}""";

    private static string Error(string type) => $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"stub failure"}}""";
}
