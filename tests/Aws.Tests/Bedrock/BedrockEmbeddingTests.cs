using Microsoft.Extensions.AI;
using TDeveloper.Aws.Bedrock;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Tests.Bedrock;

public class BedrockEmbeddingTests
{
    private const string Titan = "amazon.titan-embed-text-v2:0";

    [Fact]
    public async Task Each_text_is_embedded_by_a_signed_InvokeModel_call_with_a_Titan_body()
    {
        await using var stub = await BedrockStub.StartAsync(request =>
        {
            var text = (string)request.Json["inputText"]!;
            return StubAnswer.Json(new { embedding = new[] { text.Length, 0.5f, -1f }, inputTextTokenCount = text.Length });
        });
        using var generator = new BedrockEmbeddingGenerator(stub.Options(Titan));

        var embeddings = await generator.GenerateAsync(["one", "three"], new EmbeddingGenerationOptions { Dimensions = 256 });

        Assert.Empty(stub.Refused);
        Assert.All(stub.Requests, r => Assert.Equal("/model/amazon.titan-embed-text-v2%3A0/invoke", r.RawTarget));
        Assert.Equal(["one", "three"], stub.Requests.Select(r => (string?)r.Json["inputText"]));
        Assert.All(stub.Requests, r => Assert.Equal(256, (int)r.Json["dimensions"]!));
        Assert.Equal([3f, 0.5f, -1f], embeddings[0].Vector.ToArray());
        Assert.Equal([5f, 0.5f, -1f], embeddings[1].Vector.ToArray());
        Assert.Equal(Titan, embeddings[0].ModelId);
        Assert.Equal(8, embeddings.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task An_error_of_InvokeModel_is_typed_like_a_Converse_error()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Error(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."));
        using var generator = new BedrockEmbeddingGenerator(stub.Options(Titan));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => generator.GenerateAsync(["one"]));

        Assert.Equal(ModelErrorKind.AccessDenied, error.Kind);
    }
}
