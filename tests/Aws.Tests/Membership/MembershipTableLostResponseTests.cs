using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using TDeveloper.Aws.Membership;

namespace TDeveloper.Aws.Tests.Membership;

/// <summary>
/// A commit that lands but whose response is lost: the SDK retries it, the retry fails the commit's own condition,
/// and the table must still report the change as made (Orleans would otherwise retry a change that is already in).
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class MembershipTableLostResponseTests(DynaliteFixture dynalite)
{
    private readonly MembershipTestCluster _cluster = new(dynalite);

    [Fact]
    public async Task An_insert_whose_commit_response_is_lost_is_reported_as_made_and_finished()
    {
        using var setup = await _cluster.StartSiloAsync();
        var losing = new LoseFirstCommitResponseHandler();
        using var table = new DynamoDBMembershipTable(
            new MembershipStore(_cluster.ClusteringOptions(), _cluster.ClusterOptions, CreateClient(losing)),
            NullLogger.Instance);
        var entry = TestEntries.Create();
        var before = await table.ReadAllAsync();

        Assert.True(await table.InsertRowAsync(entry, before.Version.Next()));

        Assert.Equal(1, losing.Lost);
        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.Equal(entry.SiloAddress, Assert.Single(after.Members).Item1.SiloAddress);
        Assert.Equal(2, await _cluster.CountItemsAsync()); // the row item is written too
    }

    private IAmazonDynamoDB CreateClient(HttpMessageHandler handler) => new AmazonDynamoDBClient(
        new BasicAWSCredentials("test", "test"),
        new AmazonDynamoDBConfig
        {
            ServiceURL = dynalite.ServiceUrl,
            AuthenticationRegion = "us-east-1",
            RetryMode = RequestRetryMode.Standard,
            HttpClientFactory = new HandlerFactory(handler),
        });

    private sealed class HandlerFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }

    /// <summary>Sends the first commit (an UpdateItem that sets Pending) to DynamoDB, then answers as if the connection broke.</summary>
    private sealed class LoseFirstCommitResponseHandler() : DelegatingHandler(new HttpClientHandler())
    {
        public int Lost { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isCommit = request.Headers.TryGetValues("X-Amz-Target", out var targets)
                && targets.Single().EndsWith(".UpdateItem", StringComparison.Ordinal)
                && request.Content is not null
                && (await request.Content.ReadAsStringAsync(cancellationToken)).Contains(":pending", StringComparison.Ordinal);
            var response = await base.SendAsync(request, cancellationToken);
            if (!isCommit || Lost > 0) return response;
            Lost++;
            response.Dispose();
            throw new HttpRequestException("The response was lost.");
        }
    }
}
