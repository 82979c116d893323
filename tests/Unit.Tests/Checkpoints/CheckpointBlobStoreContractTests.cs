using Microsoft.Extensions.Options;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Hosting.Checkpoints;

namespace TDeveloper.Unit.Tests.Checkpoints;

/// <summary>The checkpoint store contract on local files, in a directory of its own per test.</summary>
public sealed class LocalCheckpointBlobStoreContractTests : CheckpointBlobStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tdev-checkpoints-" + Guid.NewGuid().ToString("N"));

    protected override Task<ICheckpointBlobStore> StartStoreAsync() => Task.FromResult<ICheckpointBlobStore>(Store());

    [Fact]
    public async Task A_key_that_leaves_the_directory_is_refused_and_bodies_are_files_named_by_their_key()
    {
        var store = Store();
        await store.PutAsync(CheckpointBlobKeys.Body("t/s", "ck-1"), [1, 2], CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("../outside", [1], CancellationToken.None));
        Assert.Equal(new byte[] { 1, 2 }, await File.ReadAllBytesAsync(Path.Combine(_directory, "t", "s", "checkpoints", "ck-1")));
        Assert.Equal(Path.Combine(_directory, "t", "s", "checkpoints", "ck-1"), store.PathOf(CheckpointBlobKeys.Body("t/s", "ck-1")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private LocalCheckpointBlobStore Store() => new(Options.Create(new CheckpointOptions { Directory = _directory }));
}

/// <summary>The checkpoint store contract on memory: one store stands for "the same storage".</summary>
public sealed class MemoryCheckpointBlobStoreContractTests : CheckpointBlobStoreContract
{
    private readonly MemoryCheckpointBlobStore _store = new();

    protected override Task<ICheckpointBlobStore> StartStoreAsync() => Task.FromResult<ICheckpointBlobStore>(_store);
}
