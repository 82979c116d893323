using Amazon.Runtime;

namespace TDeveloper.Aws.Bedrock;

/// <summary>How a Bedrock client reaches Bedrock Runtime: the model, the region, the endpoint and the credentials.</summary>
public sealed class BedrockClientOptions
{
    /// <summary>Gets or sets the Bedrock model id (e.g. <c>anthropic.claude-3-5-sonnet-20240620-v1:0</c>, an inference profile id or an ARN); a call's <c>ModelId</c> overrides it.</summary>
    public required string ModelId { get; set; }

    /// <summary>Gets or sets the AWS region, e.g. <c>us-east-1</c>. Default: the standard AWS chain's (<c>AWS_REGION</c>, profile, instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>Gets or sets the endpoint. Default: <c>https://bedrock-runtime.{region}.amazonaws.com</c>; set it for a VPC endpoint, a proxy or a test server.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the credentials requests are signed with. Default: the standard AWS chain (environment, profile, SSO, container or instance role), resolved on first use.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Gets or sets how long a call may take, up to the whole answer of an unstreamed call or the first byte of a streamed one. Default 5 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
}
