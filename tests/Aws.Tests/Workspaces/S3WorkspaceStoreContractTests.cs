using TDeveloper.Aws.Workspaces;
using TDeveloper.Grains.Workspaces;
using TDeveloper.Hosting.Workspaces;
using TDeveloper.Testing;

namespace TDeveloper.Aws.Tests.Workspaces;

/// <summary>Starts one s3rver (see <see cref="S3rverProcess"/>) for the tests of a class.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private S3rverProcess? _s3rver;

    /// <summary>Gets options for a bucket of its own on the emulator, created on first use, path-style, with s3rver's keys.</summary>
    public S3BlobOptions NewBucket() => new()
    {
        Bucket = "tdev-" + Guid.NewGuid().ToString("N")[..12],
        ServiceUrl = _s3rver?.ServiceUrl ?? throw new InvalidOperationException("s3rver has not started."),
        ForcePathStyle = true,
        CreateBucketIfNotExists = true,
        AccessKey = S3rverProcess.AccessKey,
        SecretKey = S3rverProcess.SecretKey,
    };

    public async Task InitializeAsync() => _s3rver = await S3rverProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_s3rver is not null) await _s3rver.DisposeAsync();
    }
}

/// <summary>The workspace store contract on S3 (s3rver): one bucket per test, one client per "silo".</summary>
public sealed class S3WorkspaceStoreContractTests(S3rverFixture s3rver) : WorkspaceStoreContract, IClassFixture<S3rverFixture>, IDisposable
{
    private readonly S3BlobOptions _bucket = s3rver.NewBucket();
    private readonly List<S3BlobStore> _stores = [];

    protected override Task<IWorkspaceStore> StartStoreAsync()
    {
        var blobs = new S3BlobStore(_bucket);
        _stores.Add(blobs);
        return Task.FromResult<IWorkspaceStore>(new S3WorkspaceStore(blobs));
    }

    [Fact]
    public async Task Bodies_live_under_the_key_prefix()
    {
        var prefixed = new S3BlobStore(new S3BlobOptions
        {
            Bucket = _bucket.Bucket, ServiceUrl = _bucket.ServiceUrl, ForcePathStyle = true, CreateBucketIfNotExists = true,
            AccessKey = _bucket.AccessKey, SecretKey = _bucket.SecretKey, KeyPrefix = "",
        });
        _stores.Add(prefixed);
        var store = await StartStoreAsync();
        await store.PutAsync("t/s/00aa", [7], CancellationToken.None);

        Assert.Equal(new byte[] { 7 }, await prefixed.GetAsync("workspaces/t/s/00aa", CancellationToken.None));
        Assert.Null(await prefixed.GetAsync("t/s/00aa", CancellationToken.None));
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
    }
}
