using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;

namespace TDeveloper.Models.Tests;

/// <summary>The openai provider against a stub of OpenAI's chat completions API.</summary>
public sealed class OpenAIProviderTests : ProviderTests
{
    protected override Dictionary<string, string?> EntryFor(Uri stub) => new()
    {
        ["Provider"] = ModelProviders.OpenAI,
        ["ProviderModelId"] = "gpt-test",
        ["Endpoint"] = new Uri(stub, "v1/").ToString(),
        ["ApiKey"] = "sk-test",
        ["Capabilities"] = "Tools, Embeddings",
    };

    [Fact]
    public async Task Answers_with_the_text_and_the_usage_of_the_completion()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Completion("""{"role":"assistant","content":"Hello from OpenAI"}""", "stop"));

        var answer = await Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options());

        Assert.Equal("Hello from OpenAI", answer.Text);
        Assert.Equal(11, answer.Usage?.InputTokenCount);
        Assert.Equal(7, answer.Usage?.OutputTokenCount);
        var request = Server.LastRequest;
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test", request.Header("Authorization"));
        Assert.Equal("gpt-test", request.Json.GetProperty("model").GetString());
        Assert.Equal("system", request.Json.GetProperty("messages")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Sends_the_step_attempts_idempotency_key_as_a_header_and_not_in_the_body()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Completion("""{"role":"assistant","content":"ok"}""", "stop"));

        await Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options("wf-7/step-3/attempt-2"));

        Assert.Equal("wf-7/step-3/attempt-2", Server.LastRequest.Header("Idempotency-Key"));
        Assert.DoesNotContain("idempotency_key", Server.LastRequest.Body);
    }

    [Fact]
    public async Task Streams_the_deltas_and_the_usage_of_the_final_chunk()
    {
        Server.Respond = (_, response) => StubServer.SseAsync(response,
        [
            (null, Chunk("""{"role":"assistant","content":"Hel"}""")),
            (null, Chunk("""{"content":"lo"}""")),
            (null, Chunk("{}", "\"stop\"")),
            (null, """{"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-test","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"""),
            (null, "[DONE]"),
        ]);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Services.ChatClient().GetStreamingResponseAsync(ModelHost.Question, ModelHost.Options()))
            updates.Add(update);

        Assert.Equal(["Hel", "lo"], updates.Select(u => u.Text).Where(t => t.Length > 0));
        var usage = updates.ToChatResponse().Usage;
        Assert.Equal(5, usage?.InputTokenCount);
        Assert.Equal(2, usage?.OutputTokenCount);
        Assert.True(Server.LastRequest.Json.GetProperty("stream").GetBoolean());
        Assert.Equal("wf-1/step-2/attempt-1", Server.LastRequest.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Surfaces_a_tool_call_as_function_call_content()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Completion(
            """{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"README.md\"}"}}]}""",
            "tool_calls"));

        var answer = await Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options(tools: ModelHost.ReadFileTool));

        var call = Assert.Single(answer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("read_file", call.Name);
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("README.md", call.Arguments?["path"]?.ToString());
        Assert.Equal("read_file", Server.LastRequest.Json.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(429, ModelErrorKind.RateLimited)]
    [InlineData(500, ModelErrorKind.Internal)]
    [InlineData(503, ModelErrorKind.Unavailable)]
    [InlineData(401, ModelErrorKind.AccessDenied)]
    [InlineData(403, ModelErrorKind.AccessDenied)]
    [InlineData(404, ModelErrorKind.NotFound)]
    [InlineData(400, ModelErrorKind.InvalidRequest)]
    public async Task Maps_an_error_status_to_its_kind_after_one_request(int status, ModelErrorKind kind)
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, """{"error":{"message":"stub failure","type":"server_error","code":null}}""", status);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options()));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(ModelProviders.OpenAI, error.Provider);
        Assert.Equal(ModelHost.ModelId, error.Model);
        // The SDK's own retries are off: the fallback chain decides.
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Takes_the_wait_a_throttled_response_asks_for()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, """{"error":{"message":"Rate limit reached","type":"requests"}}""", 429, ("Retry-After", "7"));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options()));

        Assert.Equal(ModelErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task Maps_an_error_status_of_a_stream()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, """{"error":{"message":"overloaded","type":"server_error"}}""", 503, ("retry-after-ms", "1500"));

        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var _ in Services.ChatClient().GetStreamingResponseAsync(ModelHost.Question, ModelHost.Options())) { }
        });

        Assert.Equal(ModelErrorKind.Unavailable, error.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
    }

    [Fact]
    public async Task Embeds_through_the_embeddings_endpoint()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response,
            """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-0.25,1.0]}],"model":"gpt-test","usage":{"prompt_tokens":2,"total_tokens":2}}""");

        var embeddings = await Services.GetRequiredService<IModelEmbeddings>().Get(ModelHost.ModelId).GenerateAsync(["hello"]);

        Assert.Equal([0.5f, -0.25f, 1.0f], Assert.Single(embeddings).Vector.ToArray());
        Assert.Equal("/v1/embeddings", Server.LastRequest.Path);
    }

    private static string Completion(string message, string finishReason) =>
        $$$"""{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-test","choices":[{"index":0,"message":{{{message}}},"finish_reason":"{{{finishReason}}}"}],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}""";

    private static string Chunk(string delta, string finishReason = "null") =>
        """{"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-test","choices":[{"index":0,"delta":""" + delta + ""","finish_reason":""" + finishReason + "}]}";
}
