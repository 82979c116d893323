using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using TDeveloper.Aws.Storage;

namespace TDeveloper.Aws.Tests.Storage;

/// <summary>Builds providers against dynalite without a silo, and inspects the raw table.</summary>
internal static class StorageKit
{
    public const string StateName = "state";

    private static readonly IServiceProvider Serialization = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(SampleState).Assembly))
        .BuildServiceProvider();

    /// <summary>Gets Orleans' binary grain storage serializer, the production default.</summary>
    public static IGrainStorageSerializer OrleansSerializer { get; } = new OrleansGrainStorageSerializer(Serialization.GetRequiredService<Serializer>());

    /// <summary>Gets Orleans' activators, which make a fresh state.</summary>
    public static IActivatorProvider Activators { get; } = Serialization.GetRequiredService<IActivatorProvider>();

    /// <summary>Makes options for a fresh table of its own on the emulator.</summary>
    public static DynamoDBStorageOptions Options(DynaliteFixture dynalite, Action<DynamoDBStorageOptions>? configure = null)
    {
        var options = dynalite.Configure(new DynamoDBStorageOptions
        {
            TableName = "state-" + Guid.NewGuid().ToString("N")[..8],
            GrainStorageSerializer = OrleansSerializer,
        });
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Creates and initializes a provider, as a silo start would.</summary>
    public static async Task<DynamoDBGrainStorage> StartAsync(DynamoDBStorageOptions options, string serviceId = "service-a", Func<DynamoDBStorageOptions, IAmazonDynamoDB>? createClient = null)
    {
        var storage = Create(options, serviceId, createClient);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    /// <summary>Creates a provider without initializing it.</summary>
    public static DynamoDBGrainStorage Create(DynamoDBStorageOptions options, string serviceId = "service-a", Func<DynamoDBStorageOptions, IAmazonDynamoDB>? createClient = null) =>
        new("test", options, Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = "cluster", ServiceId = serviceId }), Activators, NullLogger<DynamoDBGrainStorage>.Instance)
        {
            CreateClient = createClient ?? DynamoDBClientFactory.Create,
        };

    /// <summary>Makes a grain id no other test uses.</summary>
    public static GrainId NewGrainId() => GrainId.Create("storage-test", Guid.NewGuid().ToString("N"));

    /// <summary>Reads a grain's state into a fresh state object.</summary>
    public static async Task<GrainState<SampleState>> ReadAsync(IGrainStorage storage, GrainId grainId, string stateName = StateName)
    {
        var state = new GrainState<SampleState>();
        await storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    /// <summary>Makes a state object as a grain holding <paramref name="etag"/> would write it.</summary>
    public static GrainState<SampleState> With(SampleState value, string? etag) => new(value, etag);

    /// <summary>Makes <paramref name="size"/> random (incompressible) bytes.</summary>
    public static byte[] RandomBytes(int size) => Random.Shared.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), size);

    /// <summary>Gets the partition key the layout gives a grain's state.</summary>
    public static string PartitionKey(GrainId grainId, string serviceId = "service-a") => $"{serviceId}/{StateName}/{grainId}";

    /// <summary>Lists the sort keys of every item in a grain state's partition.</summary>
    public static async Task<List<string>> SortKeysAsync(IAmazonDynamoDB client, string table, string partitionKey)
    {
        var request = new QueryRequest
        {
            TableName = table,
            ConsistentRead = true,
            KeyConditionExpression = "PK = :pk",
            ExpressionAttributeValues = { [":pk"] = new AttributeValue(partitionKey) },
            ProjectionExpression = "SK",
        };
        var keys = new List<string>();
        do
        {
            var response = await client.QueryAsync(request);
            keys.AddRange(response.Items.Select(item => item["SK"].S));
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return keys;
    }

    /// <summary>Reads a grain state's head item as stored.</summary>
    public static async Task<Dictionary<string, AttributeValue>> HeadAsync(IAmazonDynamoDB client, string table, string partitionKey) =>
        (await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            ConsistentRead = true,
            Key = new() { ["PK"] = new AttributeValue(partitionKey), ["SK"] = new AttributeValue("head") },
        })).Item;
}
