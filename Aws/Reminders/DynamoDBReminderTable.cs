// Written by hand: the official Microsoft.Orleans.Reminders.DynamoDB package is not served by our package
// registry. The public shape follows it so that swapping to the official package later is one line.
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace TDeveloper.Aws.Reminders;

/// <summary>
/// An Orleans reminder table in DynamoDB. Each reminder is one item: partition key <c>PK</c> = the service id
/// (so services sharing a table never see each other's rows), sort key <c>SK</c> =
/// <c>{grainHash:X8}#{grainId}#{reminderName}</c>. A hash range of the ring is therefore one key range, read
/// with one Query (two when it wraps), and a grain's reminders are one key prefix. Reads are strongly
/// consistent; retries with backoff are the SDK's.
/// </summary>
public sealed partial class DynamoDBReminderTable : IReminderTable, IDisposable
{
    private const int ClearParallelism = 8;

    private static readonly Dictionary<string, string> KeyNames = new()
    {
        ["#pk"] = ReminderItem.PartitionKey,
        ["#sk"] = ReminderItem.SortKey,
    };

    private readonly DynamoDBReminderOptions _options;
    private readonly string _serviceId;
    private readonly ILogger _logger;
    private readonly Func<DynamoDBClientOptions, IAmazonDynamoDB> _createClient;
    private IAmazonDynamoDB? _client;

    /// <summary>Initializes a new instance of the <see cref="DynamoDBReminderTable"/> class.</summary>
    /// <param name="options">Where the table is and how to reach it.</param>
    /// <param name="clusterOptions">The cluster options; their <see cref="ClusterOptions.ServiceId"/> is the partition key of this silo's rows.</param>
    /// <param name="logger">The logger.</param>
    public DynamoDBReminderTable(IOptions<DynamoDBReminderOptions> options, IOptions<ClusterOptions> clusterOptions, ILogger<DynamoDBReminderTable> logger)
        : this(options.Value, clusterOptions.Value.ServiceId, logger, DynamoDBClientFactory.Create)
    {
    }

    /// <summary>Initializes a new instance with a client factory of the caller's (tests observe the requests).</summary>
    internal DynamoDBReminderTable(DynamoDBReminderOptions options, string serviceId, ILogger logger, Func<DynamoDBClientOptions, IAmazonDynamoDB> createClient)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _options = options;
        _serviceId = serviceId;
        _logger = logger;
        _createClient = createClient;
    }

    private IAmazonDynamoDB Client => _client ?? throw new InvalidOperationException($"The DynamoDB reminder table '{_options.TableName}' is used before {nameof(StartAsync)}.");

    /// <summary>Creates the client and ensures the table exists (creating it when <see cref="DynamoDBClientOptions.CreateIfNotExists"/> is set).</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">The table is missing, or DynamoDB refused the credentials; the silo does not start.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _client ??= _createClient(_options);
        await DynamoDBTables.EnsureAsync(_client, _options.TableName, ReminderItem.PartitionKey, ReminderItem.SortKey, _options.CreateIfNotExists, cancellationToken);
        LogStarted(_options.TableName, _serviceId);
    }

    /// <summary>Reads one reminder with GetItem.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="reminderName">The reminder's name.</param>
    /// <returns>The reminder, or <see langword="null"/> when there is none.</returns>
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <inheritdoc cref="ReadRow(GrainId, string)"/>
    /// <param name="grainId">The grain.</param>
    /// <param name="reminderName">The reminder's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var response = await Client.GetItemAsync(
            new GetItemRequest { TableName = _options.TableName, Key = ReminderItem.Key(_serviceId, grainId, reminderName), ConsistentRead = true },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? ReminderItem.ToEntry(item) : null;
    }

    /// <summary>Reads every reminder of a grain with one Query on its key prefix.</summary>
    /// <param name="grainId">The grain.</param>
    /// <returns>The grain's reminders.</returns>
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    /// <inheritdoc cref="ReadRows(GrainId)"/>
    /// <param name="grainId">The grain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var items = await QueryAsync(
            "#pk = :pk AND begins_with(#sk, :prefix)",
            new() { [":prefix"] = new AttributeValue { S = ReminderSortKey.GrainPrefix(grainId) } },
            projection: null,
            cancellationToken);
        return new ReminderTableData(items.Select(ReminderItem.ToEntry));
    }

    /// <summary>
    /// Reads the reminders whose grain hash is in the ring range (<paramref name="begin"/>, <paramref name="end"/>],
    /// which wraps past <see cref="uint.MaxValue"/> when begin ≥ end: one Query per <see cref="HashInterval"/>.
    /// </summary>
    /// <param name="begin">The exclusive start of the range.</param>
    /// <param name="end">The inclusive end of the range.</param>
    /// <returns>The reminders in the range.</returns>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <inheritdoc cref="ReadRows(uint, uint)"/>
    /// <param name="begin">The exclusive start of the range.</param>
    /// <param name="end">The inclusive end of the range.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        foreach (var interval in HashInterval.FromRingRange(begin, end))
        {
            var items = await QueryAsync(
                "#pk = :pk AND #sk BETWEEN :low AND :high",
                new()
                {
                    [":low"] = new AttributeValue { S = ReminderSortKey.LowerBound(interval.Low) },
                    [":high"] = new AttributeValue { S = ReminderSortKey.UpperBound(interval.High) },
                },
                projection: null,
                cancellationToken);
            entries.AddRange(items.Select(ReminderItem.ToEntry));
        }

        return new ReminderTableData(entries);
    }

    /// <summary>Writes a reminder with PutItem, replacing any row of the same grain and name, under a fresh ETag.</summary>
    /// <param name="entry">The reminder; its <see cref="ReminderEntry.ETag"/> is not read.</param>
    /// <returns>The row's new ETag.</returns>
    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <inheritdoc cref="UpsertRow(ReminderEntry)"/>
    /// <param name="entry">The reminder; its <see cref="ReminderEntry.ETag"/> is not read.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var eTag = Guid.NewGuid().ToString("N");
        await Client.PutItemAsync(new PutItemRequest { TableName = _options.TableName, Item = ReminderItem.From(_serviceId, entry, eTag) }, cancellationToken);
        LogUpserted(entry.ReminderName, entry.GrainId, eTag);
        return eTag;
    }

    /// <summary>Deletes a reminder with DeleteItem on the condition that its ETag is still <paramref name="eTag"/>.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="reminderName">The reminder's name.</param>
    /// <param name="eTag">The ETag the caller last saw.</param>
    /// <returns><see langword="true"/> if the row was deleted; <see langword="false"/> if it is gone or its ETag differs (the row then stays).</returns>
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <inheritdoc cref="RemoveRow(GrainId, string, string)"/>
    /// <param name="grainId">The grain.</param>
    /// <param name="reminderName">The reminder's name.</param>
    /// <param name="eTag">The ETag the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        try
        {
            await Client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _options.TableName,
                    Key = ReminderItem.Key(_serviceId, grainId, reminderName),
                    ConditionExpression = "#etag = :etag",
                    ExpressionAttributeNames = new() { ["#etag"] = ReminderItem.ETag },
                    ExpressionAttributeValues = new() { [":etag"] = new AttributeValue { S = eTag } },
                },
                cancellationToken);
            LogRemoved(reminderName, grainId);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            LogRemoveRefused(reminderName, grainId, eTag);
            return false;
        }
    }

    /// <summary>Deletes every reminder of this service (and no other service's). For tests.</summary>
    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <inheritdoc cref="TestOnlyClearTable()"/>
    /// <param name="cancellationToken">Cancels the clearing.</param>
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        var keys = await QueryAsync("#pk = :pk", [], projection: "#pk, #sk", cancellationToken);
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = ClearParallelism, CancellationToken = cancellationToken },
            async (key, ct) => await Client.DeleteItemAsync(new DeleteItemRequest { TableName = _options.TableName, Key = key }, ct));
        LogCleared(keys.Count, _serviceId, _options.TableName);
    }

    /// <summary>Disposes the DynamoDB client.</summary>
    public void Dispose() => _client?.Dispose();

    /// <summary>Runs one Query over this service's partition, following <c>LastEvaluatedKey</c> through every page.</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(
        string keyCondition, Dictionary<string, AttributeValue> values, string? projection, CancellationToken cancellationToken)
    {
        values[":pk"] = new AttributeValue { S = _serviceId };
        var request = new QueryRequest
        {
            TableName = _options.TableName,
            KeyConditionExpression = keyCondition,
            ExpressionAttributeNames = new(KeyNames),
            ExpressionAttributeValues = values,
            ProjectionExpression = projection,
            ConsistentRead = true,
            Limit = _options.QueryPageSize,
        };
        var items = new List<Dictionary<string, AttributeValue>>();
        var pages = 0;
        do
        {
            var response = await Client.QueryAsync(request, cancellationToken);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey;
            pages++;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        LogQueried(keyCondition, items.Count, pages);
        return items;
    }
}
