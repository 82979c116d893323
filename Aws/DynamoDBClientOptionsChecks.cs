using System.Text.RegularExpressions;

namespace TDeveloper.Aws;

/// <summary>The checks every adapter's options share: table name, endpoint, credentials, retries.</summary>
public static partial class DynamoDBClientOptionsChecks
{
    /// <summary>Gets every problem of the shared settings of <paramref name="options"/> and of <paramref name="tableName"/>.</summary>
    public static IEnumerable<string> Problems(DynamoDBClientOptions options, string? tableName) =>
        TableNameProblems(tableName, "TableName").Concat(ClientProblems(options, ""));

    /// <summary>Gets the problem of a table name, if any, naming it by <paramref name="key"/>.</summary>
    public static IEnumerable<string> TableNameProblems(string? tableName, string key)
    {
        if (tableName is null || !TableName().IsMatch(tableName))
        {
            yield return $"{key} '{tableName}' is not a DynamoDB table name (3 to 255 of a-z A-Z 0-9 _ - .).";
        }
    }

    /// <summary>Gets every problem of the endpoint, credential and retry settings, each named by <paramref name="keyPrefix"/> and the property.</summary>
    public static IEnumerable<string> ClientProblems(DynamoDBClientOptions options, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) &&
            !(Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"{keyPrefix}ServiceUrl '{options.ServiceUrl}' is not an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(options.AccessKey) && string.IsNullOrEmpty(options.SecretKey)) yield return $"{keyPrefix}SecretKey is missing although {keyPrefix}AccessKey is set.";
        if (options.MaxErrorRetry is < 0 or > 10) yield return $"{keyPrefix}MaxErrorRetry must be 0 to 10, not {options.MaxErrorRetry}.";
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            yield return $"{keyPrefix}RequestTimeout must be more than 0 and at most 00:02:00, not {options.RequestTimeout}.";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableName();
}
