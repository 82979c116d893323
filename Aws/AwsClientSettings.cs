using Amazon;
using Amazon.Runtime;

namespace TDeveloper.Aws;

/// <summary>The endpoint, region and credential settings every AWS SDK client of ours is built from the same way.</summary>
internal static class AwsClientSettings
{
    /// <summary>Points <paramref name="config"/> at <paramref name="serviceUrl"/> (an emulator; signed for <paramref name="region"/> or us-east-1), else at <paramref name="region"/>, else leaves the SDK's own region chain.</summary>
    public static TConfig WithEndpoint<TConfig>(this TConfig config, string? serviceUrl, string? region) where TConfig : ClientConfig
    {
        if (!string.IsNullOrWhiteSpace(serviceUrl))
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (!string.IsNullOrWhiteSpace(region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }

    /// <summary>Gets static credentials when an access key is set, or <see langword="null"/> for the standard AWS chain.</summary>
    public static AWSCredentials? StaticCredentials(string? accessKey, string? secretKey) =>
        accessKey is { Length: > 0 } ? new BasicAWSCredentials(accessKey, secretKey ?? "") : null;
}
