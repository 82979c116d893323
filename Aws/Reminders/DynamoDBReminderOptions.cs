namespace TDeveloper.Aws.Reminders;

/// <summary>
/// Gets or sets where <see cref="DynamoDBReminderTable"/> keeps reminders: the DynamoDB endpoint and
/// credentials (inherited from <see cref="DynamoDBClientOptions"/>) and the table. Validated when the host starts.
/// </summary>
/// <remarks>
/// Several Orleans services may share one table: each keeps its rows under its own partition key, the
/// <c>ServiceId</c> of <c>ClusterOptions</c>, spread over <see cref="Buckets"/> partition keys.
/// </remarks>
public sealed class DynamoDBReminderOptions : DynamoDBClientOptions
{
    /// <summary>The table used when none is configured.</summary>
    public const string DefaultTableName = "TDeveloperReminders";

    /// <summary>Gets or sets the table that holds the reminders. Default <c>TDeveloperReminders</c>.</summary>
    /// <remarks>The table has a string partition key <c>PK</c> and a string sort key <c>SK</c>.</remarks>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>The bucket count used when none is configured.</summary>
    public const int DefaultBuckets = 32;

    /// <summary>
    /// Gets or sets how many partition keys a service's reminders are spread over: a power of two from 1 to 1024,
    /// default 32. A row's bucket is the top bits of its grain's hash, so each bucket holds one slice of the ring.
    /// </summary>
    /// <remarks>
    /// 32 keys take 32 times the write and read throughput one DynamoDB partition key allows, and keep each bucket
    /// of 100,000 reminders near one 1 MB Query page; a silo's small ring ranges still touch one or two buckets.
    /// The count is fixed per table and service: the table records it, and a silo configured with another count
    /// does not start unless <see cref="PreviousBuckets"/> names the recorded one. 1 is the layout before buckets.
    /// </remarks>
    public int Buckets { get; set; } = DefaultBuckets;

    /// <summary>
    /// Gets or sets the bucket count to move away from, or <see langword="null"/> (the default). While set, reads also
    /// look in that layout, writes and removes clear a reminder's row there, and a silo may start although the table
    /// records that count (it then records <see cref="Buckets"/>). Unset it once no row is left in the old layout.
    /// </summary>
    public int? PreviousBuckets { get; set; }

    /// <summary>
    /// Gets or sets whether reads also look in the single partition every reminder had before buckets (the bare
    /// service id), and writes and removes clear a reminder's row there. Default <see langword="true"/>, so a
    /// table written by an older version keeps its reminders; turn it off once that partition is empty, which saves
    /// one Query per read and one DeleteItem per write.
    /// </summary>
    public bool ReadLegacyPartition { get; set; } = true;

    /// <summary>
    /// Gets or sets whether starting the table moves every row of the older layouts (the legacy partition while
    /// <see cref="ReadLegacyPartition"/> is on, and <see cref="PreviousBuckets"/>) into its bucket, so they empty.
    /// Default <see langword="false"/>: reminders are rewritten only when registered again, so without one silo
    /// moving them the old rows stay; turn it on for one start of one silo, then turn the old layouts off.
    /// </summary>
    public bool MoveOlderRowsOnStart { get; set; }

    /// <summary>
    /// Gets or sets the most items one Query page returns; <see langword="null"/> (the default) lets
    /// DynamoDB fill pages up to 1 MB. Internal: tests lower it to make paging observable.
    /// </summary>
    internal int? QueryPageSize { get; set; }
}
