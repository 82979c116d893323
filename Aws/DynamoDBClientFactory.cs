using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace TDeveloper.Aws;

/// <summary>Creates SDK clients from <see cref="DynamoDBClientOptions"/>; retries with backoff live in the SDK's retry policy.</summary>
public static class DynamoDBClientFactory
{
    static DynamoDBClientFactory()
    {
        // AWSSDK v4 leaves response collections null unless told otherwise; the adapters expect empty ones.
        AWSConfigs.InitializeCollections = true;
    }

    /// <summary>Creates a client for the options' endpoint, region and credentials.</summary>
    public static IAmazonDynamoDB Create(DynamoDBClientOptions options)
    {
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = options.MaxErrorRetry, RetryMode = RequestRetryMode.Standard, Timeout = options.RequestTimeout }
            .WithEndpoint(options.ServiceUrl, options.Region);
        return AwsClientSettings.StaticCredentials(options.AccessKey, options.SecretKey) is { } credentials
            ? new AmazonDynamoDBClient(credentials, config)
            : new AmazonDynamoDBClient(config);
    }
}
