using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.Extensions.AI;
using TDeveloper.Aws.Bedrock;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Tests.Bedrock;

public class BedrockConverseTests
{
    private const string Claude = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private static readonly byte[] Pdf = "%PDF-1.7 test"u8.ToArray();

    private static readonly object TextAndToolUse = new
    {
        output = new
        {
            message = new
            {
                role = "assistant",
                content = new object[]
                {
                    new { text = "I will write the file." },
                    new { toolUse = new { toolUseId = "tooluse_1", name = "write_file", input = new { path = "a.txt", content = "hi" } } },
                },
            },
        },
        stopReason = "tool_use",
        usage = new { inputTokens = 12, outputTokens = 34, totalTokens = 46, cacheReadInputTokens = 5 },
        metrics = new { latencyMs = 100 },
    };

    [Description("Writes a file of the session workspace.")]
    private static string WriteFile([Description("The file's path.")] string path, string content) => $"wrote {content.Length} characters to {path}";

    [Fact]
    public async Task A_Converse_call_is_signed_and_carries_the_system_prompt_images_documents_tools_and_settings()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Json(TextAndToolUse));
        using var client = new BedrockChatClient(stub.Options("unused-default"));
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are the code agent."),
            new(ChatRole.User, [new TextContent("Describe this screenshot and spec."), new DataContent(Png, "image/png"), new DataContent(Pdf, "application/pdf") { Name = "spec v2.pdf" }]),
        ];
        var options = new ChatOptions
        {
            ModelId = Claude,
            MaxOutputTokens = 512,
            Temperature = 0.25f,
            TopP = 0.9f,
            StopSequences = ["END"],
            Tools = [AIFunctionFactory.Create(WriteFile, "write_file")],
            ToolMode = ChatToolMode.RequireAny,
            AdditionalProperties = new() { ["idempotency_key"] = "wf-1/step-2/attempt-1" },
        };

        var response = await client.GetResponseAsync(messages, options);

        Assert.Empty(stub.Refused);
        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", request.RawTarget);
        Assert.Equal("wf-1/step-2/attempt-1", request.Headers[BedrockConnection.IdempotencyHeader]);
        Assert.Contains(BedrockConnection.IdempotencyHeader, request.Headers["Authorization"]); // the key is covered by the signature

        var body = request.Json;
        Assert.Equal("You are the code agent.", (string?)body["system"]![0]!["text"]);
        var turn = Assert.Single(body["messages"]!.AsArray())!;
        Assert.Equal("user", (string?)turn["role"]);
        var content = turn["content"]!.AsArray();
        Assert.Equal("Describe this screenshot and spec.", (string?)content[0]!["text"]);
        Assert.Equal("png", (string?)content[1]!["image"]!["format"]);
        Assert.Equal(Png, Convert.FromBase64String((string)content[1]!["image"]!["source"]!["bytes"]!));
        Assert.Equal("pdf", (string?)content[2]!["document"]!["format"]);
        Assert.Equal("spec v2", (string?)content[2]!["document"]!["name"]);
        Assert.Equal(Pdf, Convert.FromBase64String((string)content[2]!["document"]!["source"]!["bytes"]!));

        var tool = body["toolConfig"]!["tools"]![0]!["toolSpec"]!;
        Assert.Equal("write_file", (string?)tool["name"]);
        Assert.Equal("Writes a file of the session workspace.", (string?)tool["description"]);
        Assert.Equal("object", (string?)tool["inputSchema"]!["json"]!["type"]);
        Assert.NotNull(tool["inputSchema"]!["json"]!["properties"]!["path"]);
        Assert.NotNull(body["toolConfig"]!["toolChoice"]!["any"]);

        var inference = body["inferenceConfig"]!;
        Assert.Equal(512, (int)inference["maxTokens"]!);
        Assert.Equal(0.25, (double)inference["temperature"]!, 3);
        Assert.Equal(0.9, (double)inference["topP"]!, 3);
        Assert.Equal("END", (string?)inference["stopSequences"]![0]);
        Assert.Equal("wf-1/step-2/attempt-1", (string?)body["requestMetadata"]!["idempotency_key"]);

        Assert.Equal("I will write the file.", response.Text);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("tooluse_1", "write_file"), (call.CallId, call.Name));
        Assert.Equal("a.txt", call.Arguments!["path"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal((12L, 34L, 46L, 5L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount, response.Usage.CachedInputTokenCount));
        Assert.Equal("req-1", response.ResponseId);
        Assert.Equal(Claude, response.ModelId);
    }

    [Fact]
    public async Task Tool_calls_and_results_go_back_as_toolUse_and_toolResult_blocks_in_alternating_turns()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Json(new { output = new { message = new { role = "assistant", content = new[] { new { text = "done" } } } }, stopReason = "end_turn" }));
        using var client = new BedrockChatClient(stub.Options(Claude));
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "Write two files."),
            new(ChatRole.Assistant, [new FunctionCallContent("call-1", "write_file", new Dictionary<string, object?> { ["path"] = "a.txt" }), new FunctionCallContent("call-2", "stat", null)]),
            new(ChatRole.Tool, [new FunctionResultContent("call-1", "wrote 2 characters")]),
            new(ChatRole.Tool, [new FunctionResultContent("call-2", new { size = 2, exists = true })]),
            new(ChatRole.User, "Thanks."),
        ];

        var response = await client.GetResponseAsync(messages, new ChatOptions { Tools = [AIFunctionFactory.Create(WriteFile, "write_file")] });

        var turns = Assert.Single(stub.Requests).Json["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], turns.Select(t => (string?)t!["role"]));
        var toolUse = turns[1]!["content"]![0]!["toolUse"]!;
        Assert.Equal(("call-1", "write_file", "a.txt"), ((string?)toolUse["toolUseId"], (string?)toolUse["name"], (string?)toolUse["input"]!["path"]));
        Assert.Equal(JsonValueKind.Object, turns[1]!["content"]![1]!["toolUse"]!["input"]!.GetValueKind());
        var results = turns[2]!["content"]!.AsArray();
        Assert.Equal("call-1", (string?)results[0]!["toolResult"]!["toolUseId"]);
        Assert.Equal("wrote 2 characters", (string?)results[0]!["toolResult"]!["content"]![0]!["text"]);
        Assert.Equal(2, (int)results[1]!["toolResult"]!["content"]![0]!["json"]!["size"]!);
        Assert.Equal("Thanks.", (string?)results[2]!["text"]);
        Assert.Equal("done", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_refused_by_the_server_and_reported_as_access_denied()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Json(TextAndToolUse));
        using var client = new BedrockChatClient(stub.Options(Claude, new BasicAWSCredentials(BedrockStub.AccessKey, "not-the-secret")));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));

        Assert.Equal(ModelErrorKind.AccessDenied, error.Kind);
        Assert.Contains("InvalidSignatureException", error.Message);
        Assert.Contains("bedrock:InvokeModel", error.Message);
        Assert.Contains("does not match", Assert.Single(stub.Refused));
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Session_credentials_sign_their_token_too()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Json(TextAndToolUse));
        using var client = new BedrockChatClient(stub.Options(Claude, new SessionAWSCredentials(BedrockStub.AccessKey, BedrockStub.SecretKey, "session-token")));

        await client.GetResponseAsync([new(ChatRole.User, "hi")]);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("session-token", request.Headers["x-amz-security-token"]);
        Assert.Contains("x-amz-security-token", request.Headers["Authorization"]);
    }

    [Theory]
    [InlineData("audio/wav")]
    [InlineData("application/zip")]
    public async Task Content_Converse_does_not_take_is_refused_before_any_call(string mediaType)
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Json(TextAndToolUse));
        using var client = new BedrockChatClient(stub.Options(Claude));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync([new(ChatRole.User, [new DataContent(new byte[] { 1 }, mediaType)])]));

        Assert.Equal(ModelErrorKind.InvalidRequest, error.Kind);
        Assert.Contains(mediaType, error.Message);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task An_answer_that_is_not_Converse_JSON_is_a_malformed_response()
    {
        await using var stub = await BedrockStub.StartAsync(_ => new StubAnswer(200, "application/json", ["{\"output\":"u8.ToArray()]));
        using var client = new BedrockChatClient(stub.Options(Claude));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));

        Assert.Equal(ModelErrorKind.MalformedResponse, error.Kind);
    }

    [Fact]
    public void The_client_names_its_provider_and_model()
    {
        using var client = new BedrockChatClient(new BedrockClientOptions { ModelId = Claude, Region = "eu-central-1", Credentials = new BasicAWSCredentials("a", "b") });

        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal(("aws.bedrock", Claude), (metadata.ProviderName, metadata.DefaultModelId));
        Assert.Equal(new Uri("https://bedrock-runtime.eu-central-1.amazonaws.com"), metadata.ProviderUri);
    }
}
