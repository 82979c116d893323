using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using static TDeveloper.Aws.Storage.GrainStateItem;

namespace TDeveloper.Aws.Storage;

/// <summary>
/// Reads and writes grain states in the table laid out as <see cref="GrainStateItem"/> says, with ETag checks made by
/// single-item conditional writes only (no transactions). A write puts its chunks first, then the head with a condition
/// on the caller's ETag, then removes the chunks of the version it replaced; a crash in between leaves at most
/// unreferenced chunks, never a head that points at missing ones.
/// </summary>
/// <remarks>
/// <para>
/// Retries are idempotent. The SDK resends a request whose response was lost; a resent conditional put whose first
/// attempt landed then fails its own condition. The head is read back: if it holds this write's ETag (new and random
/// on every write, so no other writer can have it) the write is ours, and the replaced version's chunks, whose count
/// went with the lost response, are found by their ETag prefix and removed. A resent delete finds the head gone, which
/// is what it asked for: a clear of a state that is no longer there succeeds.
/// </para>
/// <para>
/// Orphaned chunks (a crash between putting chunks and the head, or between the head and removing the replaced
/// chunks) are swept per grain, on the write path of the grains that have chunks: after a write or delete that wrote
/// chunks or replaced a chunked version, one keys-only <c>Query</c> of that grain's <c>chunk#</c> range
/// (at most <see cref="SweepPages"/> pages of <see cref="SweepPageSize"/>) removes chunks of any other version older
/// than the grace period. Chosen over a table-wide job because it needs no Scan, no index partition and no timer:
/// only grains over 350 KiB have chunks, and they pay one small query per large write or delete (which costs hundreds of
/// write units anyway). The grace period keeps a racing writer's chunks, put before its head, from being taken. Chunks
/// without <c>WrittenAt</c> (written before sweeping existed) are left alone, and a grain that never writes a large
/// state again keeps the orphans of a crashed large write.
/// </para>
/// </remarks>
/// <param name="client">The DynamoDB client; throttling and 5xx retries are the SDK's.</param>
/// <param name="tableName">The table.</param>
/// <param name="orphanGracePeriod">How old an unreferenced chunk must be before a sweep removes it.</param>
/// <param name="time">The clock that dates chunks and the sweep's cut-off.</param>
/// <param name="logger">Receives chunk and clean-up messages.</param>
internal sealed class GrainStateTable(IAmazonDynamoDB client, string tableName, TimeSpan orphanGracePeriod, TimeProvider time, ILogger logger)
{
    /// <summary>The keys one sweep query page returns.</summary>
    public const int SweepPageSize = 100;

    /// <summary>The most pages one sweep reads: it bounds the sweep's cost; what is left waits for the next.</summary>
    public const int SweepPages = 4;

    private const int Parallelism = 4;
    private const int ReadAttempts = 3;
    private const string ExpectedETag = ":etag";

    /// <summary>Reads the state under <paramref name="partitionKey"/>, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="InvalidDataException">The head names chunks that are not there.</exception>
    public async Task<StoredState?> ReadAsync(string partitionKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await GetHeadAsync(partitionKey, projection: null, cancellationToken);
            if (head is null) return null;

            var etag = head[ETag].S;
            if (head.ContainsKey(Cleared)) return new StoredState(etag, null, null);

            var compression = head.TryGetValue(Compression, out var named) ? named.S : null;
            var chunkCount = NumberOrZero(head, ChunkCount);
            if (chunkCount == 0) return new StoredState(etag, head[Data].B.ToArray(), compression);

            var storedBytes = NumberOrZero(head, StoredBytes);
            if (await ReadChunksAsync(partitionKey, etag, chunkCount, storedBytes, cancellationToken) is { } payload)
            {
                return new StoredState(etag, payload, compression);
            }

            // Between the two reads a writer may have replaced this version and removed its chunks: read the new head.
            if (attempt == ReadAttempts)
            {
                throw new InvalidDataException($"Grain state {partitionKey} in table {tableName}: head version {etag} names {chunkCount} chunks ({storedBytes} bytes) that are not all present.");
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="payload"/> (or a cleared record when <see langword="null"/>) if the stored ETag is still
    /// <paramref name="expectedETag"/> (or no record exists when that is <see langword="null"/>), and returns the new ETag.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored ETag is another.</exception>
    public async Task<string> WriteAsync(string partitionKey, string? expectedETag, byte[]? payload, string? compression, CancellationToken cancellationToken)
    {
        var (etag, version) = NextETag(expectedETag);
        var chunkCount = payload is { Length: > MaxPayloadBytes } ? (payload.Length + MaxPayloadBytes - 1) / MaxPayloadBytes : 0;
        if (chunkCount > 0)
        {
            logger.WritingChunks(partitionKey, etag, payload!.Length, chunkCount, compression);
            try
            {
                await PutChunksAsync(partitionKey, etag, payload, chunkCount, cancellationToken);
            }
            catch
            {
                await DeleteChunksAsync(partitionKey, etag, chunkCount); // No head names them yet.
                throw;
            }
        }

        await ReplaceHeadAsync(partitionKey, expectedETag, HeadItem(partitionKey, etag, version, payload, compression, chunkCount), chunkCount, cancellationToken);
        return etag;
    }

    /// <summary>Deletes the state and its chunks if the stored ETag is still <paramref name="expectedETag"/> (or no record exists when that is <see langword="null"/>).</summary>
    /// <exception cref="InconsistentStateException">The stored ETag is another.</exception>
    public Task DeleteAsync(string partitionKey, string? expectedETag, CancellationToken cancellationToken) =>
        ReplaceHeadAsync(partitionKey, expectedETag, head: null, chunkCount: 0, cancellationToken);

    /// <summary>
    /// Puts <paramref name="head"/> (or deletes the head, when <see langword="null"/>) on condition that the stored ETag is
    /// <paramref name="expectedETag"/>, then removes the chunks of the head it replaced. When the condition fails, the
    /// new head's <paramref name="chunkCount"/> chunks are removed and an <see cref="InconsistentStateException"/> thrown.
    /// </summary>
    private async Task ReplaceHeadAsync(string partitionKey, string? expectedETag, Dictionary<string, AttributeValue>? head, int chunkCount, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var condition = Expect(expectedETag, names, values);
        Dictionary<string, AttributeValue> replaced;
        try
        {
            replaced = head is null
                ? (await client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(partitionKey, HeadSortKey), ReturnValues = ReturnValue.ALL_OLD, ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values }, cancellationToken)).Attributes
                : (await client.PutItemAsync(new PutItemRequest { TableName = tableName, Item = head, ReturnValues = ReturnValue.ALL_OLD, ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values }, cancellationToken)).Attributes;
        }
        catch (ConditionalCheckFailedException ex)
        {
            var stored = await StoredETagAsync(partitionKey, cancellationToken);
            if (head?[ETag].S is { } etag)
            {
                if (stored == etag)
                {
                    // An SDK retry of a put that had landed: the write is ours; what it replaced was expectedETag's version.
                    if (expectedETag is not null) await DeleteChunksOfAsync(partitionKey, expectedETag);
                    if (chunkCount > 0) await SweepAsync(partitionKey, etag);
                    return;
                }

                await DeleteChunksAsync(partitionKey, etag, chunkCount);
            }
            else if (stored is null && expectedETag is not null)
            {
                // An SDK retry of a delete that had landed (or a racing clear from the same ETag): the state is gone, as asked.
                await DeleteChunksOfAsync(partitionKey, expectedETag);
                return;
            }

            throw Conflict(partitionKey, stored, expectedETag, ex);
        }

        await DeleteReplacedChunksAsync(partitionKey, replaced);
        if (chunkCount > 0 || NumberOrZero(replaced, ChunkCount) > 0) await SweepAsync(partitionKey, head?[ETag].S); // Only grains with chunks can have orphans.
    }

    /// <summary>
    /// Removes the grain's chunks of versions other than <paramref name="currentETag"/> written before the grace period,
    /// reading at most <see cref="SweepPages"/> pages of keys. Best effort: a failure is logged, the next sweep retries.
    /// </summary>
    public async Task SweepAsync(string partitionKey, string? currentETag)
    {
        var cutoff = time.GetUtcNow() - orphanGracePeriod;
        var orphans = new List<string>();
        try
        {
            var request = ChunkQuery(partitionKey, ChunkPrefixOfAll, consistent: false);
            request.ProjectionExpression = "#sk, #at";
            request.ExpressionAttributeNames["#at"] = WrittenAt;
            request.Limit = SweepPageSize;
            for (var page = 0; page < SweepPages; page++)
            {
                var response = await client.QueryAsync(request);
                orphans.AddRange(response.Items
                    .Where(chunk => ETagOfChunk(chunk[SortKey].S) != currentETag && WrittenBefore(chunk, cutoff))
                    .Select(chunk => chunk[SortKey].S));
                if (response.LastEvaluatedKey is not { Count: > 0 } next) break;
                request.ExclusiveStartKey = next;
            }

            await DeleteSortKeysAsync(partitionKey, orphans);
        }
        catch (Exception ex)
        {
            logger.ChunkCleanupFailed(ex, partitionKey, "(sweep)", orphans.Count, tableName);
        }
    }

    /// <summary>Removes every chunk of the version <paramref name="etag"/>, found by its prefix (its count is not known).</summary>
    private async Task DeleteChunksOfAsync(string partitionKey, string etag)
    {
        var keys = new List<string>();
        try
        {
            var request = ChunkQuery(partitionKey, ChunkPrefix(etag), consistent: true);
            request.ProjectionExpression = "#sk";
            do
            {
                var response = await client.QueryAsync(request);
                keys.AddRange(response.Items.Select(chunk => chunk[SortKey].S));
                request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            }
            while (request.ExclusiveStartKey is not null);

            await DeleteSortKeysAsync(partitionKey, keys);
        }
        catch (Exception ex)
        {
            logger.ChunkCleanupFailed(ex, partitionKey, etag, keys.Count, tableName);
        }
    }

    private Task DeleteSortKeysAsync(string partitionKey, List<string> sortKeys) =>
        Parallel.ForEachAsync(sortKeys, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (sortKey, token) =>
            await client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(partitionKey, sortKey) }, token));

    private static bool WrittenBefore(Dictionary<string, AttributeValue> chunk, DateTimeOffset cutoff) =>
        chunk.TryGetValue(WrittenAt, out var at) && DateTimeOffset.TryParse(at.S, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var written) && written < cutoff;

    private QueryRequest ChunkQuery(string partitionKey, string prefix, bool consistent) => new()
    {
        TableName = tableName,
        ConsistentRead = consistent,
        KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
        ExpressionAttributeNames = { ["#pk"] = PartitionKey, ["#sk"] = SortKey },
        ExpressionAttributeValues = { [":pk"] = new AttributeValue(partitionKey), [":prefix"] = new AttributeValue(prefix) },
    };

    /// <summary>Fills in the condition that the head still has <paramref name="expectedETag"/>, or does not exist when that is <see langword="null"/>.</summary>
    private static string Expect(string? expectedETag, Dictionary<string, string> names, Dictionary<string, AttributeValue> values)
    {
        if (expectedETag is null)
        {
            names["#pk"] = PartitionKey;
            return "attribute_not_exists(#pk)";
        }

        names["#etag"] = ETag;
        values[ExpectedETag] = new AttributeValue(expectedETag);
        return $"#etag = {ExpectedETag}";
    }

    private Dictionary<string, AttributeValue> HeadItem(string partitionKey, string etag, long version, byte[]? payload, string? compression, int chunkCount)
    {
        var item = Key(partitionKey, HeadSortKey);
        item[ETag] = new AttributeValue(etag);
        item[GrainStateItem.Version] = Number(version);
        item[WrittenAt] = new AttributeValue(time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        if (payload is null)
        {
            item[Cleared] = new AttributeValue { BOOL = true };
            return item;
        }

        item[StoredBytes] = Number(payload.Length);
        item[ChunkCount] = Number(chunkCount);
        if (compression is not null) item[Compression] = new AttributeValue(compression);
        if (chunkCount == 0) item[Data] = new AttributeValue { B = new MemoryStream(payload, writable: false) };
        return item;
    }

    private InconsistentStateException Conflict(string partitionKey, string? storedETag, string? expectedETag, Exception inner) => new(
        $"Grain state {partitionKey} in table {tableName} was changed by another writer: the caller expected {(expectedETag is null ? "no record" : "ETag " + expectedETag)}, the table holds {(storedETag is null ? "no record" : "ETag " + storedETag)}.",
        storedETag,
        expectedETag,
        inner);

    private async Task<Dictionary<string, AttributeValue>?> GetHeadAsync(string partitionKey, string? projection, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = tableName, Key = Key(partitionKey, HeadSortKey), ConsistentRead = true };
        if (projection is not null)
        {
            request.ProjectionExpression = "#p";
            request.ExpressionAttributeNames["#p"] = projection;
        }

        var response = await client.GetItemAsync(request, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task<string?> StoredETagAsync(string partitionKey, CancellationToken cancellationToken) =>
        (await GetHeadAsync(partitionKey, ETag, cancellationToken)) is { } head && head.TryGetValue(ETag, out var etag) ? etag.S : null;

    private async Task<byte[]?> ReadChunksAsync(string partitionKey, string etag, int chunkCount, int storedBytes, CancellationToken cancellationToken)
    {
        var request = ChunkQuery(partitionKey, ChunkPrefix(etag), consistent: true);
        using var payload = new MemoryStream(storedBytes);
        var found = 0;
        do
        {
            var response = await client.QueryAsync(request, cancellationToken);
            foreach (var chunk in response.Items)
            {
                if (chunk[SortKey].S != ChunkSortKey(etag, found)) return null;
                chunk[Data].B.WriteTo(payload);
                found++;
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return found == chunkCount && payload.Length == storedBytes ? payload.ToArray() : null;
    }

    private Task PutChunksAsync(string partitionKey, string etag, byte[] payload, int chunkCount, CancellationToken cancellationToken)
    {
        var writtenAt = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return Parallel.ForEachAsync(Enumerable.Range(0, chunkCount), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (index, token) =>
        {
            var offset = index * MaxPayloadBytes;
            var item = Key(partitionKey, ChunkSortKey(etag, index));
            item[Data] = new AttributeValue { B = new MemoryStream(payload, offset, Math.Min(MaxPayloadBytes, payload.Length - offset), writable: false) };
            item[WrittenAt] = new AttributeValue(writtenAt);
            await client.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item }, token);
        });
    }

    private Task DeleteReplacedChunksAsync(string partitionKey, Dictionary<string, AttributeValue>? replacedHead) =>
        replacedHead is not null && replacedHead.TryGetValue(ETag, out var etag)
            ? DeleteChunksAsync(partitionKey, etag.S, NumberOrZero(replacedHead, ChunkCount))
            : Task.CompletedTask;

    /// <summary>Removes chunks no head refers to. Best effort: the write is already decided, so a failure is logged, not thrown.</summary>
    private async Task DeleteChunksAsync(string partitionKey, string etag, int chunkCount)
    {
        if (chunkCount == 0) return;
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, chunkCount), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (index, token) =>
                await client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(partitionKey, ChunkSortKey(etag, index)) }, token));
        }
        catch (Exception ex)
        {
            logger.ChunkCleanupFailed(ex, partitionKey, etag, chunkCount, tableName);
        }
    }
}
