namespace TDeveloper.Aws.Reminders;

/// <summary>
/// Gets or sets where <see cref="DynamoDBReminderTable"/> keeps reminders: the DynamoDB endpoint and
/// credentials (inherited from <see cref="DynamoDBClientOptions"/>) and the table. Validated when the host starts.
/// </summary>
/// <remarks>
/// Several Orleans services may share one table: each keeps its rows under its own partition key, the
/// <c>ServiceId</c> of <c>ClusterOptions</c>.
/// </remarks>
public sealed class DynamoDBReminderOptions : DynamoDBClientOptions
{
    /// <summary>The table used when none is configured.</summary>
    public const string DefaultTableName = "TDeveloperReminders";

    /// <summary>Gets or sets the table that holds the reminders. Default <c>TDeveloperReminders</c>.</summary>
    /// <remarks>The table has a string partition key <c>PK</c> and a string sort key <c>SK</c>.</remarks>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// Gets or sets the most items one Query page returns; <see langword="null"/> (the default) lets
    /// DynamoDB fill pages up to 1 MB. Internal: tests lower it to make paging observable.
    /// </summary>
    internal int? QueryPageSize { get; set; }
}
