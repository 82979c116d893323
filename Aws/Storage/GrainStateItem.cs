using System.Text;
using Amazon.DynamoDBv2.Model;

namespace TDeveloper.Aws.Storage;

/// <summary>
/// The item layout of the grain state table. One grain state is a partition <c>PK = {ServiceId}/{stateName}/{grainId}</c>
/// (service id and state name URL-escaped, so no two triples share a key) holding:
/// <list type="bullet">
/// <item>the head item, <c>SK = "head"</c>: <c>ETag</c> (S, <c>{Version}-{random}</c>, new on every write), <c>Version</c> (N),
/// <c>WrittenAt</c> (S, ISO 8601), and either <c>Cleared</c> (BOOL) or <c>StoredBytes</c> (N), <c>ChunkCount</c> (N),
/// <c>Compression</c> (S, absent when uncompressed) and, when <c>ChunkCount</c> is 0, the payload inline in <c>Data</c> (B);</item>
/// <item>for a payload over <see cref="MaxPayloadBytes"/>, chunk items <c>SK = "chunk#{ETag}#{index:D4}"</c> with <c>Data</c> (B)
/// and <c>WrittenAt</c> (S, ISO 8601; the orphan sweep's age).</item>
/// </list>
/// Chunks are keyed by the ETag of the write that made them, so racing writers never overwrite each other's chunks.
/// </summary>
internal static class GrainStateItem
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";
    public const string HeadSortKey = "head";
    public const string ETag = "ETag";
    public const string Version = "Version";
    public const string WrittenAt = "WrittenAt";
    public const string Cleared = "Cleared";
    public const string StoredBytes = "StoredBytes";
    public const string ChunkCount = "ChunkCount";
    public const string Compression = "Compression";
    public const string Data = "Data";

    /// <summary>The most payload bytes in one item: DynamoDB's item limit is 400 KB, keys and attributes included.</summary>
    public const int MaxPayloadBytes = 350 * 1024;

    /// <summary>DynamoDB's limit on a partition key value.</summary>
    private const int MaxPartitionKeyBytes = 2048;

    /// <summary>Builds the partition key of a grain's state.</summary>
    /// <exception cref="ArgumentException">The key is longer than DynamoDB allows.</exception>
    public static string PartitionKeyOf(string serviceId, string stateName, GrainId grainId)
    {
        var key = $"{Uri.EscapeDataString(serviceId)}/{Uri.EscapeDataString(stateName)}/{grainId}";
        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > MaxPartitionKeyBytes)
        {
            throw new ArgumentException($"The storage key of grain {grainId} (state '{stateName}') is {bytes} bytes; DynamoDB allows {MaxPartitionKeyBytes}. Use a shorter grain key.", nameof(grainId));
        }

        return key;
    }

    /// <summary>Gets the sort key prefix shared by the chunks of the write with <paramref name="etag"/>.</summary>
    public static string ChunkPrefix(string etag) => $"{ChunkPrefixOfAll}{etag}#";

    /// <summary>The sort key prefix shared by every chunk of a grain state.</summary>
    public const string ChunkPrefixOfAll = "chunk#";

    /// <summary>Gets the ETag of the version a chunk's sort key belongs to.</summary>
    public static string ETagOfChunk(string chunkSortKey)
    {
        var etag = chunkSortKey.AsSpan(ChunkPrefixOfAll.Length);
        return etag[..etag.LastIndexOf('#')].ToString();
    }

    /// <summary>Gets the sort key of one chunk.</summary>
    public static string ChunkSortKey(string etag, int index) => $"{ChunkPrefix(etag)}{index:D4}";

    /// <summary>Makes the ETag of the write that follows <paramref name="previousETag"/>: the next version and a random part.</summary>
    public static (string ETag, long Version) NextETag(string? previousETag)
    {
        var dash = previousETag?.IndexOf('-') ?? -1;
        var previous = dash > 0 && long.TryParse(previousETag.AsSpan(0, dash), out var parsed) ? parsed : 0;
        var version = previous + 1;
        return ($"{version}-{Guid.NewGuid():N}", version);
    }

    /// <summary>Builds the primary key of an item.</summary>
    public static Dictionary<string, AttributeValue> Key(string partitionKey, string sortKey) => new()
    {
        [PartitionKey] = new AttributeValue(partitionKey),
        [SortKey] = new AttributeValue(sortKey),
    };

    /// <summary>Gets a number attribute, or 0 when it is absent.</summary>
    public static int NumberOrZero(Dictionary<string, AttributeValue>? item, string attribute) =>
        item is not null && item.TryGetValue(attribute, out var value) && value.N is { } number ? int.Parse(number, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Makes a number attribute.</summary>
    public static AttributeValue Number(long value) => new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
