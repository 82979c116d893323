using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans.Configuration;

namespace TDeveloper.Aws.Membership;

/// <summary>
/// Reads and writes one cluster's items in the membership table. Under the partition key
/// <c>{ServiceId}/{ClusterId}</c> (each part URI-escaped) are the membership item (sort key <c>membership</c>:
/// Version, ETag, Revision, Rows as JSON) and one I-am-alive item per silo (sort key <c>alive#{silo}</c>: IAmAlive).
/// </summary>
internal sealed class MembershipStore : IDisposable
{
    private const string PartitionKeyName = "PK";
    private const string SortKeyName = "SK";
    private const string MembershipSortKey = "membership";
    private const string AlivePrefix = "alive#";

    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDBClusteringOptions _options;
    private readonly string _serviceId;

    /// <summary>Creates the store of the cluster named by <paramref name="cluster"/>.</summary>
    public MembershipStore(DynamoDBClusteringOptions options, ClusterOptions cluster)
    {
        _options = options;
        _serviceId = cluster.ServiceId;
        PartitionKey = PartitionKeyOf(cluster.ClusterId);
        _client = DynamoDBClientFactory.Create(options);
    }

    /// <summary>Gets the table's name.</summary>
    public string TableName => _options.TableName;

    /// <summary>Gets the partition key of this store's cluster.</summary>
    public string PartitionKey { get; }

    /// <summary>Ensures the table exists (creating it when the options allow), failing with a message that names the problem.</summary>
    public Task EnsureTableAsync(CancellationToken cancellationToken) =>
        DynamoDBTables.EnsureAsync(_client, TableName, PartitionKeyName, SortKeyName, _options.CreateIfNotExists, cancellationToken);

    /// <summary>Reads the membership item (strongly consistent); <see cref="MembershipDocument.Missing"/> when there is none.</summary>
    public async Task<MembershipDocument> ReadDocumentAsync(CancellationToken cancellationToken)
    {
        var item = await GetAsync(MembershipSortKey, cancellationToken);
        return item is null ? MembershipDocument.Missing : ToDocument(item);
    }

    /// <summary>Reads the membership item and every I-am-alive item of the cluster with one strongly consistent query.</summary>
    public async Task<MembershipSnapshot> ReadSnapshotAsync(CancellationToken cancellationToken)
    {
        var document = MembershipDocument.Missing;
        var aliveTimes = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        await foreach (var item in QueryAsync(PartitionKey, cancellationToken))
        {
            var sortKey = item[SortKeyName].S;
            if (sortKey == MembershipSortKey) document = ToDocument(item);
            else if (sortKey.StartsWith(AlivePrefix, StringComparison.Ordinal)) aliveTimes[sortKey[AlivePrefix.Length..]] = ToAliveTime(item);
        }

        return new MembershipSnapshot(document, aliveTimes);
    }

    /// <summary>Reads the membership item and the I-am-alive item of <paramref name="silo"/> (a parsable silo address).</summary>
    public async Task<MembershipSnapshot> ReadSnapshotAsync(string silo, CancellationToken cancellationToken)
    {
        var document = ReadDocumentAsync(cancellationToken);
        var alive = GetAsync(AlivePrefix + silo, cancellationToken);
        await Task.WhenAll(document, alive);
        var aliveTimes = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        if (await alive is { } item) aliveTimes[silo] = ToAliveTime(item);
        return new MembershipSnapshot(await document, aliveTimes);
    }

    /// <summary>
    /// Replaces the membership item with <paramref name="document"/> if the stored one is still at
    /// <paramref name="expectedRevision"/> (0: if there is none yet). Returns <see langword="false"/> when it is not.
    /// </summary>
    public async Task<bool> TryWriteAsync(MembershipDocument document, long expectedRevision, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [PartitionKeyName] = new(PartitionKey),
                [SortKeyName] = new(MembershipSortKey),
                ["Version"] = Number(document.Version),
                ["ETag"] = new(document.ETag),
                ["Revision"] = Number(document.Revision),
                ["Rows"] = new(JsonSerializer.Serialize(document.Rows, MembershipJsonContext.Default.IReadOnlyListSiloRow)),
            },
        };
        if (expectedRevision == 0)
        {
            request.ConditionExpression = "attribute_not_exists(#pk)";
            request.ExpressionAttributeNames = new() { ["#pk"] = PartitionKeyName };
        }
        else
        {
            request.ConditionExpression = "#revision = :revision";
            request.ExpressionAttributeNames = new() { ["#revision"] = "Revision" };
            request.ExpressionAttributeValues = new() { [":revision"] = Number(expectedRevision) };
        }

        try
        {
            await _client.PutItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonDynamoDBException ex) when (ex.ErrorCode == "ValidationException" && ex.Message.Contains("size", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The membership item of '{PartitionKey}' in table '{TableName}' would exceed DynamoDB's 400 KB item limit with {document.Rows.Count} silo rows. Clean up dead silos sooner (ClusterMembershipOptions.DefunctSiloExpiration, MaxDefunctSiloEntries).", ex);
        }
    }

    /// <summary>Writes the I-am-alive time of <paramref name="silo"/> (a parsable silo address) into its own item, unconditionally.</summary>
    public Task WriteAliveAsync(string silo, DateTime time, CancellationToken cancellationToken) =>
        _client.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [PartitionKeyName] = new(PartitionKey),
                [SortKeyName] = new(AlivePrefix + silo),
                ["IAmAlive"] = new(UtcTime.Of(time).ToString("O", CultureInfo.InvariantCulture)),
            },
        }, cancellationToken);

    /// <summary>Deletes the I-am-alive items of <paramref name="silos"/> (parsable silo addresses).</summary>
    public Task DeleteAliveAsync(IEnumerable<string> silos, CancellationToken cancellationToken) =>
        Task.WhenAll(silos.Select(silo => DeleteAsync(PartitionKey, AlivePrefix + silo, cancellationToken)));

    /// <summary>Deletes every item of cluster <paramref name="clusterId"/> of this store's service.</summary>
    public async Task<int> DeleteClusterAsync(string clusterId, CancellationToken cancellationToken)
    {
        var partitionKey = PartitionKeyOf(clusterId);
        var deletions = new List<Task>();
        await foreach (var item in QueryAsync(partitionKey, cancellationToken)) deletions.Add(DeleteAsync(partitionKey, item[SortKeyName].S, cancellationToken));
        await Task.WhenAll(deletions);
        return deletions.Count;
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private string PartitionKeyOf(string clusterId) => $"{Uri.EscapeDataString(_serviceId)}/{Uri.EscapeDataString(clusterId)}";

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string sortKey, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = TableName, Key = Key(PartitionKey, sortKey), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAsync(string partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = PartitionKeyName },
            ExpressionAttributeValues = new() { [":pk"] = new(partitionKey) },
        };
        do
        {
            var response = await _client.QueryAsync(request, cancellationToken);
            foreach (var item in response.Items) yield return item;
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
    }

    private Task DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken) =>
        _client.DeleteItemAsync(new DeleteItemRequest { TableName = TableName, Key = Key(partitionKey, sortKey) }, cancellationToken);

    private static Dictionary<string, AttributeValue> Key(string partitionKey, string sortKey) =>
        new() { [PartitionKeyName] = new(partitionKey), [SortKeyName] = new(sortKey) };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static MembershipDocument ToDocument(Dictionary<string, AttributeValue> item) => new(
        int.Parse(item["Version"].N, CultureInfo.InvariantCulture),
        item["ETag"].S,
        long.Parse(item["Revision"].N, CultureInfo.InvariantCulture),
        JsonSerializer.Deserialize(item["Rows"].S, MembershipJsonContext.Default.IReadOnlyListSiloRow) ?? []);

    private static DateTime ToAliveTime(Dictionary<string, AttributeValue> item) =>
        DateTime.Parse(item["IAmAlive"].S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
