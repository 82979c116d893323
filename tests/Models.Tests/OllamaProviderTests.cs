using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;

namespace TDeveloper.Models.Tests;

/// <summary>The ollama provider against a stub of Ollama's <c>/api/chat</c> and <c>/api/embed</c>.</summary>
public sealed class OllamaProviderTests : ProviderTests
{
    protected override Dictionary<string, string?> EntryFor(Uri stub) => new()
    {
        ["Provider"] = ModelProviders.Ollama,
        ["ProviderModelId"] = "llama-test",
        ["Endpoint"] = stub.ToString(),
        ["Capabilities"] = "Tools, Embeddings",
    };

    [Fact]
    public async Task Answers_with_the_text_and_the_usage_of_the_chat()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Done("""{"role":"assistant","content":"Hello from Ollama"}"""));

        var answer = await Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options());

        Assert.Equal("Hello from Ollama", answer.Text);
        Assert.Equal(9, answer.Usage?.InputTokenCount);
        Assert.Equal(4, answer.Usage?.OutputTokenCount);
        var request = Server.LastRequest;
        Assert.Equal("/api/chat", request.Path);
        Assert.Equal("llama-test", request.Json.GetProperty("model").GetString());
        Assert.Equal("system", request.Json.GetProperty("messages")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Sends_the_step_attempts_idempotency_key_as_a_header_and_not_in_the_body()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, Done("""{"role":"assistant","content":"ok"}"""));

        await Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options("wf-7/step-3/attempt-2"));

        Assert.Equal("wf-7/step-3/attempt-2", Server.LastRequest.Header("Idempotency-Key"));
        Assert.DoesNotContain("idempotency_key", Server.LastRequest.Body);
    }

    [Fact]
    public async Task Streams_the_ndjson_parts_and_the_usage_of_the_last_line()
    {
        Server.Respond = (_, response) => StubServer.NdjsonAsync(response,
        [
            """{"model":"llama-test","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":"Hel"},"done":false}""",
            """{"model":"llama-test","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":"lo"},"done":false}""",
            Done("""{"role":"assistant","content":""}"""),
        ]);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Services.ChatClient().GetStreamingResponseAsync(ModelHost.Question, ModelHost.Options()))
            updates.Add(update);

        Assert.Equal(["Hel", "lo"], updates.Select(u => u.Text).Where(t => t.Length > 0));
        var usage = updates.ToChatResponse().Usage;
        Assert.Equal(9, usage?.InputTokenCount);
        Assert.Equal(4, usage?.OutputTokenCount);
        Assert.True(Server.LastRequest.Json.GetProperty("stream").GetBoolean());
        Assert.Equal("wf-1/step-2/attempt-1", Server.LastRequest.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Surfaces_a_tool_call_as_function_call_content()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response,
            Done("""{"role":"assistant","content":"","tool_calls":[{"function":{"name":"read_file","arguments":{"path":"README.md"}}}]}"""));

        var answer = await Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options(tools: ModelHost.ReadFileTool));

        var call = Assert.Single(answer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("read_file", call.Name);
        Assert.Equal("README.md", call.Arguments?["path"]?.ToString());
        Assert.Equal("read_file", Server.LastRequest.Json.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(429, ModelErrorKind.RateLimited)]
    [InlineData(500, ModelErrorKind.Internal)]
    [InlineData(503, ModelErrorKind.Unavailable)]
    [InlineData(401, ModelErrorKind.AccessDenied)]
    [InlineData(404, ModelErrorKind.NotFound)]
    [InlineData(400, ModelErrorKind.InvalidRequest)]
    public async Task Maps_an_error_status_to_its_kind(int status, ModelErrorKind kind)
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, """{"error":"stub failure"}""", status, ("Retry-After", "2"));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options()));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(ModelProviders.Ollama, error.Provider);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
    }

    [Fact]
    public async Task Maps_an_error_status_of_a_stream()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, """{"error":"model 'llama-test' not found"}""", 404);

        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var _ in Services.ChatClient().GetStreamingResponseAsync(ModelHost.Question, ModelHost.Options())) { }
        });

        Assert.Equal(ModelErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Embeds_through_api_embed()
    {
        Server.Respond = (_, response) => StubServer.JsonAsync(response, """{"model":"llama-test","embeddings":[[0.5,-0.25,1.0]]}""");

        var embeddings = await Services.GetRequiredService<IModelEmbeddings>().Get(ModelHost.ModelId).GenerateAsync(["hello"]);

        Assert.Equal([0.5f, -0.25f, 1.0f], Assert.Single(embeddings).Vector.ToArray());
        Assert.Equal("/api/embed", Server.LastRequest.Path);
        Assert.Equal("llama-test", Server.LastRequest.Json.GetProperty("model").GetString());
    }

    private static string Done(string message) =>
        $$$"""{"model":"llama-test","created_at":"2026-01-01T00:00:00Z","message":{{{message}}},"done":true,"done_reason":"stop","total_duration":1000,"prompt_eval_count":9,"eval_count":4}""";
}
