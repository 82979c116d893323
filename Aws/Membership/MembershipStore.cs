using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans.Configuration;

namespace TDeveloper.Aws.Membership;

/// <summary>
/// Reads and writes one cluster's items in the membership table. Under the partition key
/// <c>{ServiceId}/{ClusterId}</c> (each part URI-escaped) are the version item (sort key <c>version</c>: Version,
/// ETag, and Pending, the JSON row of a committed change not yet copied to its row item) and one item per silo
/// (sort key <c>row#{silo}</c>: Row as JSON, ETag, the Version that wrote it, and Alive, the last I-am-alive write).
/// Every write is a single-item conditional write; <see cref="DynamoDBMembershipTable"/> orders them so that the
/// version item is the commit point.
/// </summary>
/// <remarks>
/// Tables written before rows had items of their own hold one item (sort key <c>membership</c>: Version, ETag,
/// Revision, Rows as JSON) and I-am-alive items (<c>alive#{silo}</c>); <see cref="ReadLegacyAsync"/> reads them so the
/// first silo of the new layout can import them.
/// </remarks>
internal sealed class MembershipStore : IDisposable
{
    private const string PartitionKeyName = "PK";
    private const string SortKeyName = "SK";
    private const string VersionSortKey = "version";
    private const string RowPrefix = "row#";
    private const string LegacySortKey = "membership";
    private const string LegacyAlivePrefix = "alive#";
    private const int MaxReadAttempts = 10;
    private const int MaxBatchWriteItems = 25;

    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDBClusteringOptions _options;
    private readonly string _serviceId;

    /// <summary>Creates the store of the cluster named by <paramref name="cluster"/>.</summary>
    public MembershipStore(DynamoDBClusteringOptions options, ClusterOptions cluster)
        : this(options, cluster, DynamoDBClientFactory.Create(options))
    {
    }

    /// <summary>Creates the store of the cluster named by <paramref name="cluster"/> over <paramref name="client"/>, which it then owns.</summary>
    public MembershipStore(DynamoDBClusteringOptions options, ClusterOptions cluster, IAmazonDynamoDB client)
    {
        _options = options;
        _serviceId = cluster.ServiceId;
        PartitionKey = PartitionKeyOf(cluster.ClusterId);
        _client = client;
    }

    /// <summary>Gets the table's name.</summary>
    public string TableName => _options.TableName;

    /// <summary>Gets the partition key of this store's cluster.</summary>
    public string PartitionKey { get; }

    /// <summary>Ensures the table exists (creating it when the options allow), failing with a message that names the problem.</summary>
    public Task EnsureTableAsync(CancellationToken cancellationToken) =>
        DynamoDBTables.EnsureAsync(_client, TableName, PartitionKeyName, SortKeyName, _options.CreateIfNotExists, cancellationToken);

    /// <summary>Reads the version item (strongly consistent); <see langword="null"/> when there is none.</summary>
    public async Task<VersionRecord?> ReadVersionAsync(CancellationToken cancellationToken) =>
        await GetAsync(VersionSortKey, cancellationToken) is { } item ? ToVersion(item) : null;

    /// <summary>Reads the row item of <paramref name="silo"/> (strongly consistent); <see langword="null"/> when there is none.</summary>
    public async Task<StoredRow?> ReadRowAsync(string silo, CancellationToken cancellationToken) =>
        await GetAsync(RowPrefix + silo, cancellationToken) is { } item ? ToStoredRow(item) : null;

    /// <summary>
    /// Reads the committed state of every row: the version item, then the row items (one paged query). A row written
    /// at a later version means a change landed during the query, and the read starts again.
    /// </summary>
    public async Task<MembershipSnapshot> ReadSnapshotAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var version = await ReadVersionAsync(cancellationToken);
            if (version is null) return new MembershipSnapshot(VersionRecord.Missing, []);
            var rows = new List<StoredRow>();
            var consistent = true;
            await foreach (var item in QueryAsync(PartitionKey, RowPrefix, cancellationToken))
            {
                var row = ToStoredRow(item);
                if (row.Version > version.Version)
                {
                    consistent = false;
                    break;
                }

                rows.Add(row);
            }

            if (consistent) return new MembershipSnapshot(version, rows);
            ThrowIfLastAttempt(attempt);
        }
    }

    /// <summary>Reads the committed state of the row of <paramref name="silo"/> (a parsable silo address), as <see cref="ReadSnapshotAsync(CancellationToken)"/> does.</summary>
    public async Task<MembershipSnapshot> ReadSnapshotAsync(string silo, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var version = await ReadVersionAsync(cancellationToken);
            if (version is null) return new MembershipSnapshot(VersionRecord.Missing, []);
            var row = await ReadRowAsync(silo, cancellationToken);
            if (row is null || row.Version <= version.Version) return new MembershipSnapshot(version, row is null ? [] : [row]);
            ThrowIfLastAttempt(attempt);
        }
    }

    /// <summary>Creates the version item unless it exists; returns whether this call created it.</summary>
    public Task<bool> TryCreateVersionAsync(VersionRecord version, CancellationToken cancellationToken) =>
        TryAsync(() => _client.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = VersionItem(version),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = PartitionKeyName },
        }, cancellationToken));

    /// <summary>
    /// Commits <paramref name="next"/> (with its pending row) if the version item still has the etag
    /// <paramref name="expectedETag"/> and nothing pending (<see cref="VersionRecord.MissingETag"/>: if there is no
    /// version item yet). Returns <see langword="false"/> when it does not.
    /// </summary>
    public Task<bool> TryCommitAsync(string expectedETag, VersionRecord next, CancellationToken cancellationToken)
    {
        if (expectedETag == VersionRecord.MissingETag) return TryCreateVersionAsync(next, cancellationToken);
        return TryAsync(() => _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = TableName,
            Key = Key(PartitionKey, VersionSortKey),
            UpdateExpression = "SET #version = :version, #etag = :etag, #pending = :pending",
            ConditionExpression = "#etag = :expected AND attribute_not_exists(#pending)",
            ExpressionAttributeNames = new() { ["#version"] = "Version", ["#etag"] = "ETag", ["#pending"] = "Pending" },
            ExpressionAttributeValues = new()
            {
                [":version"] = Number(next.Version),
                [":etag"] = new(next.ETag),
                [":pending"] = new(Json(next.Pending!)),
                [":expected"] = new(expectedETag),
            },
        }, cancellationToken));
    }

    /// <summary>
    /// Copies the pending row of <paramref name="version"/> to its row item unless a change of that version or a later
    /// one is there already, keeping the item's I-am-alive time; safe to repeat and to race.
    /// </summary>
    public Task ApplyPendingAsync(VersionRecord version, CancellationToken cancellationToken) =>
        TryAsync(() => _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = TableName,
            Key = Key(PartitionKey, RowPrefix + version.Pending!.Silo),
            UpdateExpression = "SET #row = :row, #etag = :etag, #version = :version",
            ConditionExpression = "attribute_not_exists(#version) OR #version < :version",
            ExpressionAttributeNames = new() { ["#row"] = "Row", ["#etag"] = "ETag", ["#version"] = "Version" },
            ExpressionAttributeValues = new()
            {
                [":row"] = new(Json(version.Pending)),
                [":etag"] = new(version.Pending.ETag),
                [":version"] = Number(version.Version),
            },
        }, cancellationToken));

    /// <summary>Clears the pending row of the version with etag <paramref name="etag"/>, once it is in its row item; safe to repeat and to race.</summary>
    public Task ClearPendingAsync(string etag, CancellationToken cancellationToken) =>
        TryAsync(() => _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = TableName,
            Key = Key(PartitionKey, VersionSortKey),
            UpdateExpression = "REMOVE #pending",
            ConditionExpression = "#etag = :etag AND attribute_exists(#pending)",
            ExpressionAttributeNames = new() { ["#etag"] = "ETag", ["#pending"] = "Pending" },
            ExpressionAttributeValues = new() { [":etag"] = new(etag) },
        }, cancellationToken));

    /// <summary>Stores the I-am-alive time of <paramref name="silo"/> on its row item; <see langword="false"/> when it has no row item.</summary>
    public Task<bool> TryWriteAliveAsync(string silo, DateTime time, CancellationToken cancellationToken) =>
        TryAsync(() => _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = TableName,
            Key = Key(PartitionKey, RowPrefix + silo),
            UpdateExpression = "SET #alive = :alive",
            ConditionExpression = "attribute_exists(#etag)",
            ExpressionAttributeNames = new() { ["#alive"] = "Alive", ["#etag"] = "ETag" },
            ExpressionAttributeValues = new() { [":alive"] = new(UtcTime.Format(time)) },
        }, cancellationToken));

    /// <summary>Deletes the row item of <paramref name="row"/> if neither the row nor its I-am-alive time changed since it was read.</summary>
    public Task<bool> TryDeleteRowAsync(StoredRow row, CancellationToken cancellationToken)
    {
        var request = new DeleteItemRequest
        {
            TableName = TableName,
            Key = Key(PartitionKey, RowPrefix + row.Silo),
            ConditionExpression = "#etag = :etag AND " + (row.Alive is null ? "attribute_not_exists(#alive)" : "#alive = :alive"),
            ExpressionAttributeNames = new() { ["#etag"] = "ETag", ["#alive"] = "Alive" },
            ExpressionAttributeValues = new() { [":etag"] = new(row.Row.ETag) },
        };
        if (row.Alive is not null) request.ExpressionAttributeValues[":alive"] = new(row.Alive);
        return TryAsync(() => _client.DeleteItemAsync(request, cancellationToken));
    }

    /// <summary>
    /// Writes <paramref name="rows"/> as row items of <paramref name="version"/> in batches, unconditionally: for
    /// importing rows before the version item that makes them visible exists.
    /// </summary>
    public Task WriteRowsAsync(IEnumerable<StoredRow> rows, int version, CancellationToken cancellationToken) =>
        BatchWriteAsync(rows.Select(row =>
        {
            var item = new Dictionary<string, AttributeValue>
            {
                [PartitionKeyName] = new(PartitionKey),
                [SortKeyName] = new(RowPrefix + row.Silo),
                ["Row"] = new(Json(row.Row)),
                ["ETag"] = new(row.Row.ETag),
                ["Version"] = Number(version),
            };
            if (row.Alive is not null) item["Alive"] = new(row.Alive);
            return new WriteRequest(new PutRequest(item));
        }), cancellationToken);

    /// <summary>
    /// Reads the cluster's single membership item of the old layout, with its I-am-alive items, as a version and
    /// rows; <see langword="null"/> when there is none.
    /// </summary>
    public async Task<(VersionRecord Version, IReadOnlyList<StoredRow> Rows)?> ReadLegacyAsync(CancellationToken cancellationToken)
    {
        if (await GetAsync(LegacySortKey, cancellationToken) is not { } item) return null;
        var alive = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var aliveItem in QueryAsync(PartitionKey, LegacyAlivePrefix, cancellationToken))
        {
            alive[aliveItem[SortKeyName].S[LegacyAlivePrefix.Length..]] = aliveItem["IAmAlive"].S;
        }

        var rows = JsonSerializer.Deserialize(item["Rows"].S, MembershipJsonContext.Default.IReadOnlyListSiloRow) ?? [];
        var version = new VersionRecord(int.Parse(item["Version"].N, CultureInfo.InvariantCulture), item["ETag"].S, null);
        return (version, [.. rows.Select(row => new StoredRow(row, version.Version, alive.GetValueOrDefault(row.Silo)))]);
    }

    /// <summary>Deletes every item of cluster <paramref name="clusterId"/> of this store's service, the version item last.</summary>
    public async Task<int> DeleteClusterAsync(string clusterId, CancellationToken cancellationToken)
    {
        var partitionKey = PartitionKeyOf(clusterId);
        var sortKeys = new List<string>();
        await foreach (var item in QueryAsync(partitionKey, prefix: null, cancellationToken, keysOnly: true)) sortKeys.Add(item[SortKeyName].S);
        var versionLast = sortKeys.Where(key => key != VersionSortKey).Concat(sortKeys.Where(key => key == VersionSortKey));
        await BatchWriteAsync(versionLast.Select(sortKey => new WriteRequest(new DeleteRequest(Key(partitionKey, sortKey)))), cancellationToken);
        return sortKeys.Count;
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private string PartitionKeyOf(string clusterId) => $"{Uri.EscapeDataString(_serviceId)}/{Uri.EscapeDataString(clusterId)}";

    private void ThrowIfLastAttempt(int attempt)
    {
        if (attempt == MaxReadAttempts)
        {
            throw new InvalidOperationException($"The membership rows of '{PartitionKey}' in table '{TableName}' changed during each of {MaxReadAttempts} reads.");
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string sortKey, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = TableName, Key = Key(PartitionKey, sortKey), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAsync(
        string partitionKey, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken, bool keysOnly = false)
    {
        var request = new QueryRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            KeyConditionExpression = prefix is null ? "#pk = :pk" : "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = PartitionKeyName },
            ExpressionAttributeValues = new() { [":pk"] = new(partitionKey) },
        };
        if (prefix is not null)
        {
            request.ExpressionAttributeNames["#sk"] = SortKeyName;
            request.ExpressionAttributeValues[":prefix"] = new(prefix);
        }

        if (keysOnly)
        {
            request.ExpressionAttributeNames["#sk"] = SortKeyName;
            request.ProjectionExpression = "#pk, #sk";
        }

        do
        {
            var response = await _client.QueryAsync(request, cancellationToken);
            foreach (var item in response.Items) yield return item;
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
    }

    private async Task BatchWriteAsync(IEnumerable<WriteRequest> writes, CancellationToken cancellationToken)
    {
        foreach (var batch in writes.Chunk(MaxBatchWriteItems))
        {
            var unprocessed = new Dictionary<string, List<WriteRequest>> { [TableName] = [.. batch] };
            for (var round = 0; unprocessed is { Count: > 0 }; round++)
            {
                if (round > 0) await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 25 << Math.Min(round, 6))), cancellationToken);
                unprocessed = (await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = unprocessed }, cancellationToken)).UnprocessedItems;
            }
        }
    }

    private static async Task<bool> TryAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private Dictionary<string, AttributeValue> VersionItem(VersionRecord version)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [PartitionKeyName] = new(PartitionKey),
            [SortKeyName] = new(VersionSortKey),
            ["Version"] = Number(version.Version),
            ["ETag"] = new(version.ETag),
        };
        if (version.Pending is not null) item["Pending"] = new(Json(version.Pending));
        return item;
    }

    private static Dictionary<string, AttributeValue> Key(string partitionKey, string sortKey) =>
        new() { [PartitionKeyName] = new(partitionKey), [SortKeyName] = new(sortKey) };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static string Json(SiloRow row) => JsonSerializer.Serialize(row, MembershipJsonContext.Default.SiloRow);

    private static SiloRow FromJson(string json) =>
        JsonSerializer.Deserialize(json, MembershipJsonContext.Default.SiloRow) ?? throw new InvalidOperationException("A membership row item holds no row.");

    private static VersionRecord ToVersion(Dictionary<string, AttributeValue> item) => new(
        int.Parse(item["Version"].N, CultureInfo.InvariantCulture),
        item["ETag"].S,
        item.TryGetValue("Pending", out var pending) ? FromJson(pending.S) : null);

    private static StoredRow ToStoredRow(Dictionary<string, AttributeValue> item) => new(
        FromJson(item["Row"].S),
        int.Parse(item["Version"].N, CultureInfo.InvariantCulture),
        item.TryGetValue("Alive", out var alive) ? alive.S : null);
}
