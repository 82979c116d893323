// Written by hand because the official Microsoft.Orleans.Persistence.DynamoDB package is not served by our
// package registry. The option names follow Orleans' own DynamoDBStorageOptions where they overlap.
using Orleans.Storage;

namespace TDeveloper.Aws.Storage;

/// <summary>
/// Gets or sets how <see cref="DynamoDBGrainStorage"/> keeps grain state in a DynamoDB table: the table, what a
/// clear does, the size limit, compression and the serializer. Endpoint and credentials come from
/// <see cref="DynamoDBClientOptions"/>.
/// </summary>
public class DynamoDBStorageOptions : DynamoDBClientOptions, IStorageProviderSerializerOptions
{
    /// <summary>The default <see cref="MaxStateBytes"/>: 4 MiB.</summary>
    public const int DefaultMaxStateBytes = 4 * 1024 * 1024;

    /// <summary>The default <see cref="CompressAboveBytes"/>: 32 KiB.</summary>
    public const int DefaultCompressAboveBytes = 32 * 1024;

    /// <summary>Gets or sets the table. Default <c>"TDeveloperGrainState"</c>; its keys are the strings <c>PK</c> (hash) and <c>SK</c> (range).</summary>
    public string TableName { get; set; } = "TDeveloperGrainState";

    /// <summary>
    /// Gets or sets whether clearing a grain's state deletes its items. Default <see langword="false"/>: a clear
    /// writes an empty record, so the ETag chain goes on and a stale writer is still refused.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>
    /// Gets or sets the largest serialized state, in bytes, that a write accepts. Default 4 MiB
    /// (<see cref="DefaultMaxStateBytes"/>). A larger state fails the write with an error naming the grain, the size
    /// and this limit, and nothing is written.
    /// </summary>
    public int MaxStateBytes { get; set; } = DefaultMaxStateBytes;

    /// <summary>
    /// Gets or sets the serialized size, in bytes, above which state is compressed with <see cref="Compression"/>.
    /// Default 32 KiB (<see cref="DefaultCompressAboveBytes"/>). Compressed output that is not smaller is discarded.
    /// </summary>
    public int CompressAboveBytes { get; set; } = DefaultCompressAboveBytes;

    /// <summary>The default <see cref="OrphanedChunkGracePeriod"/>: 15 minutes.</summary>
    public static readonly TimeSpan DefaultOrphanedChunkGracePeriod = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets how old a chunk no head refers to must be before a write of that grain sweeps it away. Default 15
    /// minutes (<see cref="DefaultOrphanedChunkGracePeriod"/>); at least a minute, so it outlasts any writer's time between
    /// putting its chunks and its head (request timeout times retries).
    /// </summary>
    public TimeSpan OrphanedChunkGracePeriod { get; set; } = DefaultOrphanedChunkGracePeriod;

    /// <summary>Gets or sets the compression algorithm for large states. Default <see cref="StateCompression.GZip"/>.</summary>
    public StateCompression Compression { get; set; } = StateCompression.GZip;

    /// <summary>
    /// Gets or sets whether state is stored as readable UTF-8 JSON with <see cref="SystemTextJsonGrainStorageSerializer"/>.
    /// Default <see langword="false"/>. When <see langword="true"/>, <see cref="GrainStorageSerializer"/> is ignored.
    /// </summary>
    /// <remarks>JSON state must be System.Text.Json friendly (public properties or constructor parameters; no interface-typed members without converters).</remarks>
    public bool UseJson { get; set; }

    /// <summary>
    /// Gets or sets the serializer. Default: Orleans' binary serializer, reading JSON written by earlier versions too
    /// (<see cref="GrainStateSerializers"/> says why), set by <c>AddDynamoDBGrainStorage</c> through
    /// <see cref="GrainStateSerializerConfigurator{TOptions}"/>; a keyed <see cref="IGrainStorageSerializer"/> registered
    /// under the provider's name wins. The silo-wide (JSON) serializer is never used implicitly.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
