using Microsoft.Extensions.AI;
using TDeveloper.Aws.Bedrock;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Tests.Bedrock;

public class BedrockStreamTests
{
    private const string Claude = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    private static byte[][] TextThenToolUse() =>
    [
        EventStreamEncoder.Event("messageStart", new { role = "assistant", p = "abc" }),
        EventStreamEncoder.Event("contentBlockDelta", new { contentBlockIndex = 0, delta = new { text = "Writing " } }),
        EventStreamEncoder.Event("contentBlockDelta", new { contentBlockIndex = 0, delta = new { text = "the file." } }),
        EventStreamEncoder.Event("contentBlockStop", new { contentBlockIndex = 0 }),
        EventStreamEncoder.Event("contentBlockStart", new { contentBlockIndex = 1, start = new { toolUse = new { toolUseId = "tooluse_7", name = "write_file" } } }),
        EventStreamEncoder.Event("contentBlockDelta", new { contentBlockIndex = 1, delta = new { toolUse = new { input = "{\"path\": \"a" } } }),
        EventStreamEncoder.Event("contentBlockDelta", new { contentBlockIndex = 1, delta = new { toolUse = new { input = ".txt\", \"lines\": 3}" } } }),
        EventStreamEncoder.Event("contentBlockStop", new { contentBlockIndex = 1 }),
        EventStreamEncoder.Event("messageStop", new { stopReason = "tool_use" }),
        EventStreamEncoder.Event("metadata", new { usage = new { inputTokens = 20, outputTokens = 9, totalTokens = 29 }, metrics = new { latencyMs = 40 } }),
    ];

    private static Task<List<ChatResponseUpdate>> CollectAsync(IChatClient client) =>
        client.GetStreamingResponseAsync([new(ChatRole.User, "Write a.txt")], new ChatOptions { AdditionalProperties = new() { ["idempotency_key"] = "step-9" } }).ToListAsync().AsTask();

    [Fact]
    public async Task Text_deltas_a_streamed_tool_call_the_stop_reason_and_the_usage_are_assembled()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Stream(TextThenToolUse()));
        using var client = new BedrockChatClient(stub.Options(Claude));

        var updates = await CollectAsync(client);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream", request.RawTarget);
        Assert.Equal("application/vnd.amazon.eventstream", request.Headers["Accept"]);
        Assert.Equal("step-9", request.Headers[BedrockConnection.IdempotencyHeader]);
        Assert.Equal(["Writing ", "the file."], updates.Select(u => u.Text).Where(t => t.Length > 0));
        var response = updates.ToChatResponse();
        Assert.Equal("Writing the file.", response.Text);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("tooluse_7", "write_file", "a.txt", "3"), (call.CallId, call.Name, call.Arguments!["path"]?.ToString(), call.Arguments["lines"]?.ToString()));
        Assert.Null(call.Exception);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal((20L, 9L, 29L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
    }

    [Theory]
    [InlineData("payload", "message CRC-32")]
    [InlineData("length", "prelude CRC-32")]
    [InlineData("truncated", "ended inside the frame")]
    public async Task A_corrupted_frame_ends_the_stream_with_a_clear_malformed_response_error(string damage, string expected)
    {
        var frames = TextThenToolUse();
        frames[2] = EventStreamReaderTests.Damage(frames[2], damage);
        if (damage == "truncated") frames = frames[..3];
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Stream(frames));
        using var client = new BedrockChatClient(stub.Options(Claude));
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "Write a.txt")])) seen.Add(update.Text);
        });

        Assert.Equal(ModelErrorKind.MalformedResponse, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Contains("event-stream frame 3", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(["Writing "], seen); // what came before the corrupted frame was delivered
    }

    [Fact]
    public async Task A_stream_that_ends_before_messageStop_is_a_malformed_response()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Stream(TextThenToolUse()[..3]));
        using var client = new BedrockChatClient(stub.Options(Claude));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => CollectAsync(client));

        Assert.Equal(ModelErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("messageStop", error.Message);
    }

    [Theory]
    [InlineData("throttlingException", ModelErrorKind.RateLimited)]
    [InlineData("modelStreamErrorException", ModelErrorKind.Internal)]
    [InlineData("validationException", ModelErrorKind.InvalidRequest)]
    [InlineData("serviceUnavailableException", ModelErrorKind.Unavailable)]
    public async Task An_exception_frame_becomes_a_typed_error_with_its_message(string exceptionType, ModelErrorKind kind)
    {
        var frames = TextThenToolUse()[..2].Append(EventStreamEncoder.Exception(exceptionType, "Too many tokens, please wait.")).ToArray();
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Stream(frames));
        using var client = new BedrockChatClient(stub.Options(Claude));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => CollectAsync(client));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(exceptionType, error.Message);
        Assert.Contains("Too many tokens, please wait.", error.Message);
    }
}
