using TDeveloper.Aws.Tests.Workspaces;
using TDeveloper.Aws.Workspaces;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Hosting.Checkpoints;

namespace TDeveloper.Aws.Tests.Checkpoints;

/// <summary>The checkpoint store contract on S3 (s3rver): one bucket per test, one client per "silo", bodies under the checkpoint prefix.</summary>
public sealed class S3CheckpointBlobStoreContractTests(S3rverFixture s3rver) : CheckpointBlobStoreContract, IClassFixture<S3rverFixture>, IDisposable
{
    private readonly S3BlobOptions _bucket = WithPrefix(s3rver.NewBucket(), CheckpointStoreExtensions.DefaultS3KeyPrefix);
    private readonly List<IDisposable> _stores = [];

    protected override Task<ICheckpointBlobStore> StartStoreAsync()
    {
        var store = new S3CheckpointBlobStore(new S3BlobStore(_bucket));
        _stores.Add(store);
        return Task.FromResult<ICheckpointBlobStore>(store);
    }

    [Fact]
    public async Task Bodies_live_under_the_checkpoint_prefix_and_a_listing_pages_through_many_keys()
    {
        var raw = new S3BlobStore(WithPrefix(_bucket, ""));
        _stores.Add(raw);
        var store = await StartStoreAsync();
        var keys = Enumerable.Range(0, 1_050).Select(i => CheckpointBlobKeys.File("t/s-many", i.ToString("x4"))).ToList(); // past one page of 1,000
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, ct) => await store.PutAsync(key, [1], ct));

        Assert.Equal(keys.Order(StringComparer.Ordinal), await store.ListAsync(CheckpointBlobKeys.PrefixOf("t/s-many"), CancellationToken.None));
        Assert.Equal(new byte[] { 1 }, await raw.GetAsync("checkpoints/" + keys[0], CancellationToken.None));
    }

    private static S3BlobOptions WithPrefix(S3BlobOptions bucket, string prefix) => new()
    {
        Bucket = bucket.Bucket, ServiceUrl = bucket.ServiceUrl, ForcePathStyle = true, CreateBucketIfNotExists = true,
        AccessKey = bucket.AccessKey, SecretKey = bucket.SecretKey, KeyPrefix = prefix,
    };

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
    }
}
