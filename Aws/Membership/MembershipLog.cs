using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace TDeveloper.Aws.Membership;

/// <summary>The DynamoDB clustering provider's log messages (source-generated).</summary>
internal static partial class MembershipLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Using DynamoDB membership table {TableName}, partition {PartitionKey}")]
    public static partial void UsingTable(this ILogger logger, string tableName, string partitionKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership version item of partition {PartitionKey} at version 0")]
    public static partial void CreatedMembershipItem(this ILogger logger, string partitionKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} for silo {Silo} refused: it asked for version {Requested}, the table is at {Current}, or the row is missing, taken or changed")]
    public static partial void ChangeRefused(this ILogger logger, string operation, SiloAddress silo, TableVersion requested, TableVersion current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Imported {Count} silo rows of partition {PartitionKey} from the old single-item layout at version {Version}")]
    public static partial void ImportedLegacyItem(this ILogger logger, int count, string partitionKey, TableVersion version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change of silo {Silo} committed at version {Version} but copying it to its row item failed; readers see it and the next writer finishes it")]
    public static partial void FinishDeferred(this ILogger logger, Exception exception, SiloAddress silo, TableVersion version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "I-am-alive write for silo {Silo} ignored: it has no row")]
    public static partial void AliveWithoutRow(this ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct (not Active) silos not heard from since {BeforeDate} from partition {PartitionKey}")]
    public static partial void RemovedDefunctSilos(this ILogger logger, int count, DateTimeOffset beforeDate, string partitionKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} membership items of cluster {ClusterId}")]
    public static partial void DeletedCluster(this ILogger logger, int count, string clusterId);
}
