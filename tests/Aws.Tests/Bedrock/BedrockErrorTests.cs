using Microsoft.Extensions.AI;
using TDeveloper.Aws.Bedrock;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Tests.Bedrock;

public class BedrockErrorTests
{
    private const string Claude = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    [Theory]
    [InlineData("ThrottlingException", 429, ModelErrorKind.RateLimited, "retried")]
    [InlineData("ValidationException", 400, ModelErrorKind.InvalidRequest, "catalog entry")]
    [InlineData("ModelNotReadyException", 429, ModelErrorKind.Unavailable, "not ready")]
    [InlineData("AccessDeniedException", 403, ModelErrorKind.AccessDenied, "Model access")]
    [InlineData("ServiceQuotaExceededException", 400, ModelErrorKind.QuotaExceeded, "Service Quotas")]
    [InlineData("ResourceNotFoundException", 404, ModelErrorKind.NotFound, "ProviderModelId")]
    [InlineData("InternalServerException", 500, ModelErrorKind.Internal, "retried")]
    [InlineData("ModelErrorException", 424, ModelErrorKind.Internal, "retried")]
    [InlineData("ServiceUnavailableException", 503, ModelErrorKind.Unavailable, "next model")]
    [InlineData("ModelTimeoutException", 408, ModelErrorKind.Timeout, "retried")]
    public async Task Each_Bedrock_error_maps_to_its_kind_and_says_what_to_do(string errorType, int status, ModelErrorKind kind, string advice)
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Error(status, errorType, $"the {errorType} message"));
        using var client = new BedrockChatClient(stub.Options(Claude));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(("bedrock", Claude), (error.Provider, error.Model));
        Assert.Contains($"{errorType}: the {errorType} message", error.Message);
        Assert.Contains(advice, error.Message);
    }

    [Fact]
    public async Task A_throttled_call_says_when_to_retry_when_Bedrock_does()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Error(429, "ThrottlingException", "Too many requests", new Dictionary<string, string> { ["Retry-After"] = "7" }));
        using var client = new BedrockChatClient(stub.Options(Claude));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));

        Assert.Equal(ModelErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task The_error_type_is_read_from_the_body_when_the_header_is_missing()
    {
        await using var stub = await BedrockStub.StartAsync(_ => new StubAnswer(400, "application/json",
            ["{\"__type\":\"com.amazon.bedrock#ServiceQuotaExceededException\",\"Message\":\"quota\"}"u8.ToArray()]));
        using var client = new BedrockChatClient(stub.Options(Claude));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));

        Assert.Equal(ModelErrorKind.QuotaExceeded, error.Kind);
        Assert.Contains("ServiceQuotaExceededException: quota", error.Message);
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_is_unavailable()
    {
        var endpoint = await FreeEndpointAsync();
        var options = new BedrockClientOptions { ModelId = Claude, Region = BedrockStub.Region, Endpoint = endpoint, Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b") };
        using var client = new BedrockChatClient(options);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync([new(ChatRole.User, "hi")]));

        Assert.Equal(ModelErrorKind.Unavailable, error.Kind);
        Assert.Contains(endpoint.ToString(), error.Message);
    }

    private static async Task<Uri> FreeEndpointAsync()
    {
        await using var stub = await BedrockStub.StartAsync(_ => StubAnswer.Json(new { }));
        return stub.Endpoint;
    }
}
