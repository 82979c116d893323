using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TDeveloper.Aws.Storage;

namespace TDeveloper.Aws.Tests.Storage;

/// <summary>One started provider on a fresh table, one grain of its own, and a raw client to look at the items.</summary>
internal sealed class StorageScope : IDisposable
{
    private StorageScope(DynamoDBStorageOptions options, DynamoDBGrainStorage storage, IAmazonDynamoDB client)
    {
        Options = options;
        Storage = storage;
        Client = client;
    }

    /// <summary>Gets the provider's options.</summary>
    public DynamoDBStorageOptions Options { get; }

    /// <summary>Gets the started provider.</summary>
    public DynamoDBGrainStorage Storage { get; }

    /// <summary>Gets a raw client for inspecting the table.</summary>
    public IAmazonDynamoDB Client { get; }

    /// <summary>Gets the grain the test works on.</summary>
    public GrainId Grain { get; } = StorageKit.NewGrainId();

    /// <summary>Gets the grain's partition key.</summary>
    public string PartitionKey => StorageKit.PartitionKey(Grain);

    /// <summary>Starts a provider on a fresh table with the given option changes.</summary>
    public static async Task<StorageScope> StartAsync(DynaliteFixture dynalite, Action<DynamoDBStorageOptions>? configure = null, Func<DynamoDBStorageOptions, IAmazonDynamoDB>? createClient = null)
    {
        var options = StorageKit.Options(dynalite, configure);
        return new StorageScope(options, await StorageKit.StartAsync(options, createClient: createClient), dynalite.CreateClient());
    }

    /// <summary>Writes the grain's state.</summary>
    public Task WriteAsync(GrainState<SampleState> state) => Storage.WriteStateAsync(StorageKit.StateName, Grain, state);

    /// <summary>Reads the grain's state.</summary>
    public Task<GrainState<SampleState>> ReadAsync() => StorageKit.ReadAsync(Storage, Grain);

    /// <summary>Lists the sort keys of the grain's items.</summary>
    public Task<List<string>> SortKeysAsync() => StorageKit.SortKeysAsync(Client, Options.TableName, PartitionKey);

    /// <summary>Reads the grain's head item as stored.</summary>
    public Task<Dictionary<string, AttributeValue>> HeadAsync() => StorageKit.HeadAsync(Client, Options.TableName, PartitionKey);

    public void Dispose()
    {
        Storage.Dispose();
        Client.Dispose();
    }
}
