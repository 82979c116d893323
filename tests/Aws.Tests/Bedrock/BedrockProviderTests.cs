using Amazon.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Aws.Bedrock;
using TDeveloper.Grains.Models;
using TDeveloper.Hosting.Models;

namespace TDeveloper.Aws.Tests.Bedrock;

/// <summary>A catalog entry with provider <c>bedrock</c>, through the host's wiring and the model invoker, reaches Bedrock signed.</summary>
public class BedrockProviderTests
{
    private const string Claude = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    [Fact]
    public async Task A_bedrock_catalog_entry_is_called_with_the_step_key_and_its_tool_calls_are_invoked()
    {
        var answers = 0;
        await using var stub = await BedrockStub.StartAsync(_ => Interlocked.Increment(ref answers) == 1
            ? StubAnswer.Json(new
            {
                output = new { message = new { role = "assistant", content = new object[] { new { toolUse = new { toolUseId = "t1", name = "write_file", input = new { path = "a.txt" } } } } } },
                stopReason = "tool_use",
                usage = new { inputTokens = 10, outputTokens = 5, totalTokens = 15 },
            })
            : StubAnswer.Json(new
            {
                output = new { message = new { role = "assistant", content = new[] { new { text = "a.txt is written." } } } },
                stopReason = "end_turn",
                usage = new { inputTokens = 30, outputTokens = 6, totalTokens = 36 },
            }));
        await using var services = ModelServicesFor(stub, "claude-sonnet", Claude, "Tools, Vision");
        var written = new List<string>();
        var writeFile = AIFunctionFactory.Create((string path) => { written.Add(path); return "ok"; }, "write_file");

        var reply = await services.GetRequiredService<IModelInvoker>().InvokeAsync(new ModelRequest
        {
            Agent = "CodeAgent",
            Messages = [new(ChatRole.User, "Write a.txt")],
            Options = new ChatOptions { Tools = [writeFile] },
            IdempotencyKey = "wf-7/step-1/1",
        }, CancellationToken.None);

        Assert.Empty(stub.Refused);
        Assert.Equal(["a.txt"], written);
        Assert.Equal("a.txt is written.", reply.Response.Text);
        Assert.Equal(("claude-sonnet", "bedrock"), (reply.Decision.Model, reply.Decision.Provider));
        Assert.All(stub.Requests, r => Assert.Equal("wf-7/step-1/1", r.Headers[BedrockConnection.IdempotencyHeader]));
        var toolResult = stub.Requests.Last().Json["messages"]![2]!["content"]![0]!["toolResult"]!;
        Assert.Equal(("t1", "ok"), ((string?)toolResult["toolUseId"], (string?)toolResult["content"]![0]!["text"]));
    }

    [Fact]
    public async Task A_bedrock_catalog_entry_with_the_embeddings_capability_embeds_through_Titan()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Json(new { embedding = new[] { 0.25f, -0.5f }, inputTextTokenCount = 2 }));
        await using var services = ModelServicesFor(stub, "titan", "amazon.titan-embed-text-v2:0", "Embeddings");

        var embeddings = await services.GetRequiredService<IModelEmbeddings>().Get("titan").GenerateAsync(["hello"]);

        Assert.Empty(stub.Refused);
        Assert.Equal([0.25f, -0.5f], embeddings[0].Vector.ToArray());
    }

    /// <summary>The model services as a silo registers them, over a one-entry catalog of a <c>bedrock</c> model served by <paramref name="stub"/>.</summary>
    private static ServiceProvider ModelServicesFor(BedrockStub stub, string id, string providerModelId, string capabilities) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["TDeveloper:Models:Catalog:0:Id"] = id,
                ["TDeveloper:Models:Catalog:0:Provider"] = "bedrock",
                ["TDeveloper:Models:Catalog:0:ProviderModelId"] = providerModelId,
                ["TDeveloper:Models:Catalog:0:Region"] = BedrockStub.Region,
                ["TDeveloper:Models:Catalog:0:Endpoint"] = stub.Endpoint.ToString(),
                ["TDeveloper:Models:Catalog:0:Capabilities"] = capabilities,
            }).Build())
            .AddLogging()
            .AddSingleton<AWSCredentials>(new BasicAWSCredentials(BedrockStub.AccessKey, BedrockStub.SecretKey))
            .AddTDeveloperModel()
            .BuildServiceProvider();
}
