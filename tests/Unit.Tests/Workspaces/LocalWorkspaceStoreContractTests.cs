using TDeveloper.Grains.Workspaces;
using TDeveloper.Hosting.Workspaces;

namespace TDeveloper.Unit.Tests.Workspaces;

/// <summary>The workspace store contract on local files, in a directory of its own per test.</summary>
public sealed class LocalWorkspaceStoreContractTests : WorkspaceStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tdev-workspaces-" + Guid.NewGuid().ToString("N"));

    protected override Task<IWorkspaceStore> StartStoreAsync() =>
        Task.FromResult<IWorkspaceStore>(new LocalWorkspaceStore(Microsoft.Extensions.Options.Options.Create(new LocalWorkspaceStoreOptions { Directory = _directory })));

    [Fact]
    public async Task A_key_that_leaves_the_directory_is_refused()
    {
        var store = await StartStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("../outside", [1], CancellationToken.None));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The workspace store contract on memory: one store stands for "the same storage".</summary>
public sealed class MemoryWorkspaceStoreContractTests : WorkspaceStoreContract
{
    private readonly MemoryWorkspaceStore _store = new();

    protected override Task<IWorkspaceStore> StartStoreAsync() => Task.FromResult<IWorkspaceStore>(_store);
}
