using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace TDeveloper.Aws.Reminders;

/// <summary>The reminder table's log messages, generated at compile time.</summary>
public sealed partial class DynamoDBReminderTable
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder table {TableName} is ready for service {ServiceId}")]
    private partial void LogStarted(string tableName, string serviceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upserted reminder {ReminderName} of {GrainId} with ETag {ETag}")]
    private partial void LogUpserted(string reminderName, GrainId grainId, string eTag);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed reminder {ReminderName} of {GrainId}")]
    private partial void LogRemoved(string reminderName, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Did not remove reminder {ReminderName} of {GrainId}: it is gone or its ETag is no longer {ETag}")]
    private partial void LogRemoveRefused(string reminderName, GrainId grainId, string eTag);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query {PartitionKey} {KeyCondition} returned {Count} items in {Pages} pages")]
    private partial void LogQueried(string partitionKey, string keyCondition, int count, int pages);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} reminders of service {ServiceId} from older layouts into {Buckets} buckets")]
    private partial void LogMoved(int count, string serviceId, int buckets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleared {Count} reminders of service {ServiceId} from {TableName}")]
    private partial void LogCleared(int count, string serviceId, string tableName);
}
