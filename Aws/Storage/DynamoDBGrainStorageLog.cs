using Microsoft.Extensions.Logging;

namespace TDeveloper.Aws.Storage;

/// <summary>The source-generated log messages of the DynamoDB grain storage.</summary>
internal static partial class DynamoDBGrainStorageLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB grain storage {Name} is initializing: table {TableName}, service {ServiceId}, DeleteStateOnClear={DeleteStateOnClear}")]
    public static partial void Initializing(this ILogger logger, string name, string tableName, string serviceId, bool deleteStateOnClear);

    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB grain storage {Name} initialized table {TableName} in {ElapsedMilliseconds} ms")]
    public static partial void Initialized(this ILogger logger, string name, string tableName, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "DynamoDB grain storage {Name} failed to initialize table {TableName} after {ElapsedMilliseconds} ms")]
    public static partial void InitializationFailed(this ILogger logger, Exception exception, string name, string tableName, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "DynamoDB grain storage {Name} failed to {Operation} {PartitionKey} (ETag {ETag}) in table {TableName}")]
    public static partial void OperationFailed(this ILogger logger, Exception exception, string name, string operation, string partitionKey, string? eTag, string tableName);

    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB grain storage {Name} refused to {Operation} {PartitionKey}: the caller's ETag {ETag} is stale")]
    public static partial void Conflict(this ILogger logger, string name, string operation, string partitionKey, string? eTag);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Writing {PartitionKey} version {ETag}: {StoredBytes} bytes in {ChunkCount} chunks (compression {Compression})")]
    public static partial void WritingChunks(this ILogger logger, string partitionKey, string eTag, int storedBytes, int chunkCount, string? compression);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove {ChunkCount} unreferenced chunks of {PartitionKey} version {ETag} from table {TableName}; they take space but are never read")]
    public static partial void ChunkCleanupFailed(this ILogger logger, Exception exception, string partitionKey, string eTag, int chunkCount, string tableName);
}
