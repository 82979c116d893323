using static TDeveloper.Bench.BenchHelpers;
using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using TDeveloper.Aws;
using TDeveloper.Aws.Storage;
using TDeveloper.Bench;
using TDeveloper.Testing;

// Per-operation latency of our DynamoDB grain storage beside the raw SDK call it is built on (a PutItem /
// GetItem with the same condition and payload), on the same dynalite, in one run.
// Usage: dotnet run -c Release --project bench/Storage.Bench [-- --ops 500 --bytes 1024]
var ops = ArgValue(args, "--ops", 500);
var bytes = ArgValue(args, "--bytes", 1024);

await using var dynalite = await DynaliteProcess.StartAsync();
var clientOptions = new DynamoDBClientOptions { ServiceUrl = dynalite.ServiceUrl, Region = "us-east-1", AccessKey = "bench", SecretKey = "bench", CreateIfNotExists = true };
using var client = DynamoDBClientFactory.Create(clientOptions);
await DynamoDBTables.EnsureAsync(client, "bench-raw", "PK", "SK", createIfNotExists: true);

var serialization = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(BenchState).Assembly)).BuildServiceProvider();
var serializer = new OrleansGrainStorageSerializer(serialization.GetRequiredService<Serializer>());
var storageOptions = new DynamoDBStorageOptions
{
    TableName = "bench-state", GrainStorageSerializer = serializer,
    ServiceUrl = clientOptions.ServiceUrl, Region = clientOptions.Region, AccessKey = clientOptions.AccessKey, SecretKey = clientOptions.SecretKey, CreateIfNotExists = true,
};
using var storage = new DynamoDBGrainStorage("bench", storageOptions, Options.Create(new ClusterOptions { ServiceId = "bench", ClusterId = "bench" }),
    serialization.GetRequiredService<IActivatorProvider>(), NullLogger<DynamoDBGrainStorage>.Instance);
await storage.InitializeAsync(CancellationToken.None);

var payload = new byte[bytes];
Random.Shared.NextBytes(payload);
var grainId = GrainId.Create("bench", "grain");
var state = new GrainState<BenchState>(new BenchState { Payload = payload });
var rawEtag = (string?)null;
var rawPayload = serializer.Serialize(state.State).ToArray();

// Warm up both paths (connections, JIT).
for (var i = 0; i < 20; i++)
{
    await storage.WriteStateAsync("state", grainId, state);
    rawEtag = await RawWriteAsync(rawEtag);
}

var ourWrites = await MeasureAsync(ops, async i =>
{
    state.State = state.State! with { Counter = i };
    await storage.WriteStateAsync("state", grainId, state);
});
var rawWrites = await MeasureAsync(ops, async _ => rawEtag = await RawWriteAsync(rawEtag));
var ourReads = await MeasureAsync(ops, _ => storage.ReadStateAsync("state", grainId, new GrainState<BenchState>()));
var rawReads = await MeasureAsync(ops, _ => client.GetItemAsync(new GetItemRequest
{
    TableName = "bench-raw",
    ConsistentRead = true,
    Key = new() { ["PK"] = new AttributeValue { S = "bench/raw" }, ["SK"] = new AttributeValue { S = "head" } },
}));

Console.WriteLine($"DynamoDB grain storage vs raw SDK calls on dynalite ({Environment.ProcessorCount} cores, {ops} sequential operations, {bytes}-byte payload)");
Console.WriteLine();
Console.WriteLine("| operation | mean ms | p50 ms | p95 ms | p99 ms | ours ÷ raw (mean) |");
Console.WriteLine("|---|---|---|---|---|---|");
Row("raw PutItem with condition", rawWrites, rawWrites);
Row("DynamoDBGrainStorage.WriteStateAsync", ourWrites, rawWrites);
Row("raw GetItem (consistent)", rawReads, rawReads);
Row("DynamoDBGrainStorage.ReadStateAsync", ourReads, rawReads);

async Task<string> RawWriteAsync(string? etag)
{
    var next = Guid.NewGuid().ToString("N");
    var request = new PutItemRequest
    {
        TableName = "bench-raw",
        Item = new()
        {
            ["PK"] = new AttributeValue { S = "bench/raw" },
            ["SK"] = new AttributeValue { S = "head" },
            ["ETag"] = new AttributeValue { S = next },
            ["Data"] = new AttributeValue { B = new MemoryStream(rawPayload) },
        },
        ConditionExpression = etag is null ? "attribute_not_exists(PK)" : "ETag = :etag",
    };
    if (etag is not null) request.ExpressionAttributeValues = new() { [":etag"] = new AttributeValue { S = etag } };
    await client.PutItemAsync(request);
    return next;
}

static async Task<double[]> MeasureAsync(int count, Func<int, Task> operation)
{
    var samples = new double[count];
    for (var i = 0; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await operation(i);
        samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    Array.Sort(samples);
    return samples;
}

static void Row(string name, double[] samples, double[] baseline) =>
    Console.WriteLine($"| {name} | {samples.Average():0.00} | {Percentile(samples, 50):0.00} | {Percentile(samples, 95):0.00} | {Percentile(samples, 99):0.00} | {samples.Average() / baseline.Average():0.00}× |");

static double Percentile(double[] sorted, int percent) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];
