using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Runtime;

namespace TDeveloper.Aws.Reminders;

/// <summary>
/// Maps a <see cref="ReminderEntry"/> to and from its DynamoDB item: keys <c>PK</c> (the service's bucket, see
/// <see cref="ReminderLayout"/>) and
/// <c>SK</c> (<see cref="ReminderSortKey"/>), and attributes <c>GrainId</c>, <c>ReminderName</c>,
/// <c>StartAt</c> (ISO 8601 round-trip text), <c>Period</c> (constant <c>c</c> format), <c>ETag</c> and
/// <c>GrainHash</c> (a number, for people and tools reading the table).
/// </summary>
internal static class ReminderItem
{
    /// <summary>The partition key attribute.</summary>
    public const string PartitionKey = "PK";

    /// <summary>The sort key attribute.</summary>
    public const string SortKey = "SK";

    /// <summary>The attribute holding the row's ETag.</summary>
    public const string ETag = "ETag";

    private const string GrainIdAttribute = "GrainId";
    private const string ReminderName = "ReminderName";
    private const string StartAt = "StartAt";
    private const string Period = "Period";
    private const string GrainHash = "GrainHash";

    /// <summary>The primary key of a reminder's item.</summary>
    public static Dictionary<string, AttributeValue> Key(string partitionKey, GrainId grainId, string reminderName) => new()
    {
        [PartitionKey] = new AttributeValue { S = partitionKey },
        [SortKey] = new AttributeValue { S = ReminderSortKey.Of(grainId, reminderName) },
    };

    /// <summary>The whole item for <paramref name="entry"/>, stamped with <paramref name="eTag"/> (the entry's own ETag is ignored).</summary>
    public static Dictionary<string, AttributeValue> From(string partitionKey, ReminderEntry entry, string eTag)
    {
        var item = Key(partitionKey, entry.GrainId, entry.ReminderName);
        item[GrainIdAttribute] = new AttributeValue { S = entry.GrainId.ToString() };
        item[ReminderName] = new AttributeValue { S = entry.ReminderName };
        item[StartAt] = new AttributeValue { S = entry.StartAt.ToString("O", CultureInfo.InvariantCulture) };
        item[Period] = new AttributeValue { S = entry.Period.ToString("c", CultureInfo.InvariantCulture) };
        item[ETag] = new AttributeValue { S = eTag };
        item[GrainHash] = new AttributeValue { N = entry.GrainId.GetUniformHashCode().ToString(CultureInfo.InvariantCulture) };
        return item;
    }

    /// <summary>The entry stored in <paramref name="item"/>.</summary>
    public static ReminderEntry ToEntry(Dictionary<string, AttributeValue> item) => new()
    {
        GrainId = GrainId.Parse(item[GrainIdAttribute].S),
        ReminderName = item[ReminderName].S,
        StartAt = DateTime.ParseExact(item[StartAt].S, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Period = TimeSpan.ParseExact(item[Period].S, "c", CultureInfo.InvariantCulture),
        ETag = item[ETag].S,
    };
}
