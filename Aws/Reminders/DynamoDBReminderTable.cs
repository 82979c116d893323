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
/// An Orleans reminder table in DynamoDB. Each reminder is one item: partition key <c>PK</c> = one of the
/// service's <see cref="DynamoDBReminderOptions.Buckets"/> buckets (see <see cref="ReminderLayout"/>; services sharing
/// a table never see each other's rows), sort key <c>SK</c> = <c>{grainHash:X8}#{grainId}#{reminderName}</c>. A bucket
/// holds one contiguous slice of the ring, so a ring range is one key range in each bucket it overlaps, those Queries
/// run in parallel, and a grain's reminders are one key prefix in one bucket. Rows of an older layout (the single
/// partition before buckets, or <see cref="DynamoDBReminderOptions.PreviousBuckets"/>) are still read, the newer row
/// winning when both exist, and writes and removes clear them. Reads are strongly consistent; retries with backoff
/// are the SDK's. No operation scans.
/// </summary>
public sealed partial class DynamoDBReminderTable : IReminderTable, IDisposable
{
    private const int ClearParallelism = 8;
    private const int QueryParallelism = 16;

    private static readonly Dictionary<string, string> KeyNames = new()
    {
        ["#pk"] = ReminderItem.PartitionKey,
        ["#sk"] = ReminderItem.SortKey,
    };

    private readonly DynamoDBReminderOptions _options;
    private readonly string _serviceId;
    private readonly ILogger _logger;
    private readonly Func<DynamoDBClientOptions, IAmazonDynamoDB> _createClient;
    private readonly ReminderLayout _layout;
    private readonly ReminderLayout[] _olderLayouts;
    private IAmazonDynamoDB? _client;

    /// <summary>Initializes a new instance of the <see cref="DynamoDBReminderTable"/> class.</summary>
    /// <param name="options">Where the table is and how to reach it.</param>
    /// <param name="clusterOptions">The cluster options; their <see cref="ClusterOptions.ServiceId"/> names this silo's rows.</param>
    /// <param name="logger">The logger.</param>
    public DynamoDBReminderTable(IOptions<DynamoDBReminderOptions> options, IOptions<ClusterOptions> clusterOptions, ILogger<DynamoDBReminderTable> logger)
        : this(options.Value, clusterOptions.Value.ServiceId, logger, DynamoDBClientFactory.Create)
    {
    }

    /// <summary>Initializes a new instance with a client factory of the caller's (tests observe the requests).</summary>
    internal DynamoDBReminderTable(DynamoDBReminderOptions options, string serviceId, ILogger logger, Func<DynamoDBClientOptions, IAmazonDynamoDB> createClient)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        if (!ReminderLayout.IsValid(options.Buckets)) throw new ArgumentException($"Buckets is {options.Buckets}; it must be a power of two from 1 to {ReminderLayout.MaxBuckets}.", nameof(options));
        _options = options;
        _serviceId = serviceId;
        _logger = logger;
        _createClient = createClient;
        _layout = new ReminderLayout(options.Buckets);
        IEnumerable<ReminderLayout> older = options.PreviousBuckets is { } previous ? [new ReminderLayout(previous)] : [];
        if (options.ReadLegacyPartition) older = older.Append(ReminderLayout.Legacy);
        _olderLayouts = older.Where(layout => layout != _layout).Distinct().ToArray();
    }

    private IAmazonDynamoDB Client => _client ?? throw new InvalidOperationException($"The DynamoDB reminder table '{_options.TableName}' is used before {nameof(StartAsync)}.");

    /// <summary>
    /// Creates the client, ensures the table exists (creating it when <see cref="DynamoDBClientOptions.CreateIfNotExists"/>
    /// is set), and records the bucket count or checks it against the recorded one.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">
    /// The table is missing, DynamoDB refused the credentials, or the table keeps this service's reminders in another
    /// bucket count than <see cref="DynamoDBReminderOptions.Buckets"/> and <see cref="DynamoDBReminderOptions.PreviousBuckets"/>
    /// does not name it; the silo does not start.
    /// </exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _client ??= _createClient(_options);
        await DynamoDBTables.EnsureAsync(_client, _options.TableName, ReminderItem.PartitionKey, ReminderItem.SortKey, _options.CreateIfNotExists, cancellationToken);
        await ReminderLayoutRecord.EnsureAsync(_client, _options, _serviceId, cancellationToken);
        if (_options.MoveOlderRowsOnStart) await MoveOlderRowsAsync(cancellationToken);
        LogStarted(_options.TableName, _serviceId);
    }

    /// <summary>Reads one reminder with GetItem on its bucket (and, when it is not there, on its place in each older layout).</summary>
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
        foreach (var layout in AllLayouts)
        {
            var response = await Client.GetItemAsync(
                new GetItemRequest { TableName = _options.TableName, Key = KeyIn(layout, grainId, reminderName), ConsistentRead = true },
                cancellationToken);
            if (response.Item is { Count: > 0 } item) return ReminderItem.ToEntry(item);
        }

        return null;
    }

    /// <summary>Reads every reminder of a grain with one Query on its key prefix in its bucket (plus one per older layout).</summary>
    /// <param name="grainId">The grain.</param>
    /// <returns>The grain's reminders.</returns>
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    /// <inheritdoc cref="ReadRows(GrainId)"/>
    /// <param name="grainId">The grain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var hash = grainId.GetUniformHashCode();
        var prefix = ReminderSortKey.GrainPrefix(grainId);
        var queries = AllLayouts.Select(layout => new PartitionQuery(
            layout.PartitionKeyOf(_serviceId, hash),
            "#pk = :pk AND begins_with(#sk, :prefix)",
            () => new() { [":prefix"] = new AttributeValue { S = prefix } }));
        return NewestOfEach(await QueryAllAsync(queries, projection: null, cancellationToken));
    }

    /// <summary>
    /// Reads the reminders whose grain hash is in the ring range (<paramref name="begin"/>, <paramref name="end"/>],
    /// which wraps past <see cref="uint.MaxValue"/> when begin ≥ end: in parallel, one Query per bucket that each
    /// <see cref="HashInterval"/> of the range overlaps, in this layout and in each older one.
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
        var intervals = HashInterval.FromRingRange(begin, end);
        var queries =
            from layout in AllLayouts
            from interval in intervals
            from bucket in layout.Overlapping(interval)
            select new PartitionQuery(
                layout.PartitionKey(_serviceId, bucket.Bucket),
                "#pk = :pk AND #sk BETWEEN :low AND :high",
                () => new()
                {
                    [":low"] = new AttributeValue { S = ReminderSortKey.LowerBound(bucket.Part.Low) },
                    [":high"] = new AttributeValue { S = ReminderSortKey.UpperBound(bucket.Part.High) },
                });
        return NewestOfEach(await QueryAllAsync(queries, projection: null, cancellationToken));
    }

    /// <summary>
    /// Writes a reminder with PutItem to its bucket, replacing any row of the same grain and name, under a fresh ETag;
    /// then deletes its row in each older layout (put first, so a crash in between leaves a duplicate that reads
    /// resolve, never a lost reminder).
    /// </summary>
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
        var partitionKey = _layout.PartitionKeyOf(_serviceId, entry.GrainId.GetUniformHashCode());
        await Client.PutItemAsync(new PutItemRequest { TableName = _options.TableName, Item = ReminderItem.From(partitionKey, entry, eTag) }, cancellationToken);
        await DeleteFromOlderLayoutsAsync(entry.GrainId, entry.ReminderName, cancellationToken);
        LogUpserted(entry.ReminderName, entry.GrainId, eTag);
        return eTag;
    }

    /// <summary>
    /// Deletes a reminder with DeleteItem on the condition that its ETag is still <paramref name="eTag"/>: in its bucket,
    /// and when it is not there, in the older layouts (a row written before buckets, or before the bucket count changed).
    /// </summary>
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
        if (await DeleteIfETagAsync(_layout, grainId, reminderName, eTag, cancellationToken))
        {
            // A crash between an upsert's put and its cleanup leaves an older copy, which must not outlive the reminder.
            await DeleteFromOlderLayoutsAsync(grainId, reminderName, cancellationToken);
            LogRemoved(reminderName, grainId);
            return true;
        }

        foreach (var layout in _olderLayouts)
        {
            if (!await DeleteIfETagAsync(layout, grainId, reminderName, eTag, cancellationToken)) continue;
            LogRemoved(reminderName, grainId);
            return true;
        }

        LogRemoveRefused(reminderName, grainId, eTag);
        return false;
    }

    /// <summary>
    /// Moves every row of the older layouts into its bucket in this layout, keeping its ETag: a conditional put that
    /// leaves a row already there (it is newer), then a delete of the old row on the condition that its ETag has not
    /// changed (if it has, a silo of the older version rewrote it, and a later pass moves it). Queries, never scans.
    /// </summary>
    /// <param name="cancellationToken">Cancels the move; rows moved so far stay moved.</param>
    /// <returns>How many old rows were deleted.</returns>
    public async Task<int> MoveOlderRowsAsync(CancellationToken cancellationToken = default)
    {
        var moved = 0;
        foreach (var layout in _olderLayouts)
        {
            var queries = Enumerable.Range(0, layout.Buckets).Select(bucket => new PartitionQuery(layout.PartitionKey(_serviceId, bucket), "#pk = :pk", () => []));
            var items = (await QueryAllAsync(queries, projection: null, cancellationToken)).SelectMany(page => page);
            await Parallel.ForEachAsync(
                items,
                new ParallelOptions { MaxDegreeOfParallelism = ClearParallelism, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    if (await MoveAsync(item, ct)) Interlocked.Increment(ref moved);
                });
        }

        LogMoved(moved, _serviceId, _options.Buckets);
        return moved;
    }

    /// <summary>Deletes every reminder of this service (and no other service's). For tests.</summary>
    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <inheritdoc cref="TestOnlyClearTable()"/>
    /// <param name="cancellationToken">Cancels the clearing.</param>
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        var queries =
            from layout in AllLayouts
            from bucket in Enumerable.Range(0, layout.Buckets)
            select new PartitionQuery(layout.PartitionKey(_serviceId, bucket), "#pk = :pk", () => []);
        var keys = (await QueryAllAsync(queries, projection: "#pk, #sk", cancellationToken)).SelectMany(items => items).ToList();
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = ClearParallelism, CancellationToken = cancellationToken },
            async (key, ct) => await Client.DeleteItemAsync(new DeleteItemRequest { TableName = _options.TableName, Key = key }, ct));
        LogCleared(keys.Count, _serviceId, _options.TableName);
    }

    /// <summary>Disposes the DynamoDB client.</summary>
    public void Dispose() => _client?.Dispose();

    /// <summary>Gets this layout, then the older ones, in the order their rows take precedence.</summary>
    private IEnumerable<ReminderLayout> AllLayouts => _olderLayouts.Prepend(_layout);

    /// <summary>Gets one entry per sort key from results listed newest layout first, the newest layout's row winning.</summary>
    private static ReminderTableData NewestOfEach(IEnumerable<List<Dictionary<string, AttributeValue>>> results)
    {
        var newest = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        foreach (var item in results.SelectMany(items => items)) newest.TryAdd(item[ReminderItem.SortKey].S, item);
        return new ReminderTableData(newest.Values.Select(ReminderItem.ToEntry));
    }

    private Dictionary<string, AttributeValue> KeyIn(ReminderLayout layout, GrainId grainId, string reminderName) =>
        ReminderItem.Key(layout.PartitionKeyOf(_serviceId, grainId.GetUniformHashCode()), grainId, reminderName);

    private async Task DeleteFromOlderLayoutsAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        foreach (var layout in _olderLayouts)
        {
            await Client.DeleteItemAsync(new DeleteItemRequest { TableName = _options.TableName, Key = KeyIn(layout, grainId, reminderName) }, cancellationToken);
        }
    }

    private Task<bool> DeleteIfETagAsync(ReminderLayout layout, GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        DeleteIfETagAsync(KeyIn(layout, grainId, reminderName), eTag, cancellationToken);

    /// <summary>Deletes the item with <paramref name="key"/> (only its key attributes are read) if its ETag is <paramref name="eTag"/>.</summary>
    private async Task<bool> DeleteIfETagAsync(Dictionary<string, AttributeValue> key, string eTag, CancellationToken cancellationToken)
    {
        try
        {
            await Client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _options.TableName,
                    Key = new() { [ReminderItem.PartitionKey] = key[ReminderItem.PartitionKey], [ReminderItem.SortKey] = key[ReminderItem.SortKey] },
                    ConditionExpression = "#etag = :etag",
                    ExpressionAttributeNames = new() { ["#etag"] = ReminderItem.ETag },
                    ExpressionAttributeValues = new() { [":etag"] = new AttributeValue { S = eTag } },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<bool> MoveAsync(Dictionary<string, AttributeValue> oldItem, CancellationToken cancellationToken)
    {
        var entry = ReminderItem.ToEntry(oldItem);
        var eTag = oldItem[ReminderItem.ETag].S;
        var item = ReminderItem.From(_layout.PartitionKeyOf(_serviceId, entry.GrainId.GetUniformHashCode()), entry, eTag);
        try
        {
            await Client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _options.TableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#pk"] = ReminderItem.PartitionKey },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
        }

        return await DeleteIfETagAsync(oldItem, eTag, cancellationToken);
    }

    /// <summary>Runs <paramref name="queries"/> in parallel, a bounded number at a time; the results keep the queries' order.</summary>
    private async Task<List<Dictionary<string, AttributeValue>>[]> QueryAllAsync(
        IEnumerable<PartitionQuery> queries, string? projection, CancellationToken cancellationToken)
    {
        var list = queries.ToList();
        var results = new List<Dictionary<string, AttributeValue>>[list.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, list.Count),
            new ParallelOptions { MaxDegreeOfParallelism = QueryParallelism, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await QueryAsync(list[i], projection, ct));
        return results;
    }

    /// <summary>Runs one Query over one partition, following <c>LastEvaluatedKey</c> through every page.</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(PartitionQuery query, string? projection, CancellationToken cancellationToken)
    {
        var values = query.Values();
        values[":pk"] = new AttributeValue { S = query.PartitionKey };
        var request = new QueryRequest
        {
            TableName = _options.TableName,
            KeyConditionExpression = query.KeyCondition,
            // DynamoDB refuses names an expression does not use.
            ExpressionAttributeNames = KeyNames
                .Where(name => query.KeyCondition.Contains(name.Key, StringComparison.Ordinal) || projection?.Contains(name.Key, StringComparison.Ordinal) == true)
                .ToDictionary(),
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

        LogQueried(query.PartitionKey, query.KeyCondition, items.Count, pages);
        return items;
    }

    /// <summary>One Query: its partition, its key condition, and a factory of its fresh placeholder values.</summary>
    private sealed record PartitionQuery(string PartitionKey, string KeyCondition, Func<Dictionary<string, AttributeValue>> Values);
}
