using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using TDeveloper.Aws.Storage;

namespace TDeveloper.Aws.Tests.Storage;

/// <summary>
/// Lets DynamoDB apply a request and then loses its response: the first request that <paramref name="lose"/> picks is
/// forwarded, and the caller gets a 500 instead of the answer, so the SDK retries a request that already landed.
/// </summary>
/// <param name="lose">Picks the request to lose by its operation (e.g. <c>PutItem</c>) and JSON body.</param>
internal sealed class LostResponseHandler(Func<string, string, bool> lose) : DelegatingHandler(new HttpClientHandler())
{
    private int _lost;

    /// <summary>Gets how many responses were lost (at most one).</summary>
    public int Lost => _lost;

    /// <summary>Creates a storage client that sends through this handler, retrying as production does.</summary>
    public IAmazonDynamoDB CreateClient(DynamoDBStorageOptions options)
    {
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = 3, RetryMode = RequestRetryMode.Standard, HttpClientFactory = new Factory(this) }
            .WithEndpoint(options.ServiceUrl, options.Region);
        return new AmazonDynamoDBClient(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Headers.TryGetValues("X-Amz-Target", out var targets) ? targets.Single().Split('.')[^1] : "";
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (!lose(operation, body) || Interlocked.CompareExchange(ref _lost, 1, 0) != 0) return response;

        response.Dispose();
        return new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent("""{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"response lost by the test"}""", Encoding.UTF8, "application/x-amz-json-1.0"),
        };
    }

    private sealed class Factory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
