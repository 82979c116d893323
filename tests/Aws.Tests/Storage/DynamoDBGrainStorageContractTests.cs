using Orleans.Storage;
using TDeveloper.Aws.Storage;

namespace TDeveloper.Aws.Tests.Storage;

/// <summary>The grain storage contract on dynalite, one fresh table per test.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBGrainStorageContractTests(DynaliteFixture dynalite) : GrainStorageContract, IDisposable
{
    private readonly DynamoDBStorageOptions _options = StorageKit.Options(dynalite, o => o.GrainStorageSerializer = new TDeveloper.Aws.Storage.SystemTextJsonGrainStorageSerializer());
    private readonly List<DynamoDBGrainStorage> _started = [];

    protected override async Task<IGrainStorage> StartStorageAsync()
    {
        var storage = await StorageKit.StartAsync(_options);
        _started.Add(storage);
        return storage;
    }

    public void Dispose() => _started.ForEach(s => s.Dispose());
}
