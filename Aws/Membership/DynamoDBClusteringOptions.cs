namespace TDeveloper.Aws.Membership;

/// <summary>
/// Gets or sets where the DynamoDB membership table lives, for silos (<see cref="DynamoDBMembershipTable"/>) and
/// clients (<see cref="DynamoDBGatewayListProvider"/>) alike. Validated when the host starts.
/// </summary>
/// <remarks>
/// The table has a string partition key <c>PK</c> and a string sort key <c>SK</c> (see <c>deploy/aws/tables.yaml</c>).
/// Any number of services and clusters can share it: each keeps its items under its own partition key.
/// </remarks>
public class DynamoDBClusteringOptions : DynamoDBClientOptions
{
    /// <summary>The default of <see cref="TableName"/>.</summary>
    public const string DefaultTableName = "TDeveloperMembership";

    /// <summary>Gets or sets the name of the membership table. Default <c>TDeveloperMembership</c>.</summary>
    public string TableName { get; set; } = DefaultTableName;
}
