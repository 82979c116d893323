using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using TDeveloper.Hosting.Storage;

namespace TDeveloper.Unit.Tests.Hosting;

/// <summary>The grain storage contract on <see cref="FileGrainStorage"/>, in a directory of its own per test.</summary>
public sealed class FileGrainStorageContractTests : GrainStorageContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tdev-grains-" + Guid.NewGuid().ToString("N"));

    protected override Task<IGrainStorage> StartStorageAsync() => Task.FromResult<IGrainStorage>(new FileGrainStorage(
        "test",
        new FileGrainStorageOptions { Directory = _directory, GrainStorageSerializer = new TDeveloper.Aws.Storage.SystemTextJsonGrainStorageSerializer() },
        NullLogger<FileGrainStorage>.Instance));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
