using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace TDeveloper.Aws.Membership;

/// <summary>The DynamoDB clustering provider's log messages (source-generated).</summary>
internal static partial class MembershipLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Using DynamoDB membership table {TableName}, partition {PartitionKey}")]
    public static partial void UsingTable(this ILogger logger, string tableName, string partitionKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership item of partition {PartitionKey} at version 0")]
    public static partial void CreatedMembershipItem(this ILogger logger, string partitionKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} for silo {Silo} refused: it asked for version {Requested}, the table is at {Current}, or the row is missing, taken or changed")]
    public static partial void ChangeRefused(this ILogger logger, string operation, SiloAddress silo, TableVersion requested, TableVersion current);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The membership item of partition {PartitionKey} changed under write attempt {Attempt}; reading it again")]
    public static partial void WriteConflict(this ILogger logger, string partitionKey, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} dead silos not heard from since {BeforeDate} from partition {PartitionKey}")]
    public static partial void RemovedDefunctSilos(this ILogger logger, int count, DateTimeOffset beforeDate, string partitionKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} membership items of cluster {ClusterId}")]
    public static partial void DeletedCluster(this ILogger logger, int count, string clusterId);
}
