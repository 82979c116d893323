namespace TDeveloper.Aws;

/// <summary>
/// Gets or sets where the AWS mode (<c>TDeveloper:Mode=Aws</c>) keeps the cluster: one DynamoDB endpoint
/// and three tables (section <c>TDeveloper:Aws</c>). Silo and Gateway read the same section.
/// </summary>
public sealed class AwsModeOptions : DynamoDBClientOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Aws";

    /// <summary>Gets or sets the membership table. Default "TDeveloperMembership".</summary>
    public string MembershipTable { get; set; } = "TDeveloperMembership";

    /// <summary>Gets or sets the grain state table. Default "TDeveloperGrainState".</summary>
    public string GrainStateTable { get; set; } = "TDeveloperGrainState";

    /// <summary>Gets or sets the reminder table. Default "TDeveloperReminders".</summary>
    public string ReminderTable { get; set; } = "TDeveloperReminders";

    /// <summary>Copies the endpoint, region, credentials, table policy, retries and request timeout to an adapter's options.</summary>
    public T ApplyTo<T>(T target) where T : DynamoDBClientOptions
    {
        target.ServiceUrl = ServiceUrl;
        target.Region = Region;
        target.AccessKey = AccessKey;
        target.SecretKey = SecretKey;
        target.CreateIfNotExists = CreateIfNotExists;
        target.MaxErrorRetry = MaxErrorRetry;
        target.RequestTimeout = RequestTimeout;
        return target;
    }
}
