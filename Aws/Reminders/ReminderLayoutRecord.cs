using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace TDeveloper.Aws.Reminders;

/// <summary>
/// The bucket count a service's reminders are kept in, recorded in the table (one item, partition key
/// <c>{serviceId}#layout</c>), so that a silo configured with another count cannot start and silently miss
/// every reminder written under the recorded one. Changed only by a silo that names the recorded count as
/// <see cref="DynamoDBReminderOptions.PreviousBuckets"/>, with a write conditioned on the count it replaces.
/// </summary>
internal static class ReminderLayoutRecord
{
    private const string SortKeyValue = "layout";
    private const string BucketsAttribute = "Buckets";

    /// <summary>Records <paramref name="options"/>' bucket count for <paramref name="serviceId"/>, or checks it matches the recorded one.</summary>
    /// <exception cref="InvalidOperationException">The table records another count and <see cref="DynamoDBReminderOptions.PreviousBuckets"/> does not name it.</exception>
    public static async Task EnsureAsync(IAmazonDynamoDB client, DynamoDBReminderOptions options, string serviceId, CancellationToken cancellationToken)
    {
        // Two rounds suffice: a lost race means another silo wrote the record, and the second round checks what it wrote.
        for (var round = 0; round < 2; round++)
        {
            var recorded = await ReadAsync(client, options.TableName, serviceId, cancellationToken);
            if (recorded == options.Buckets) return;
            if (recorded is not null && recorded != options.PreviousBuckets)
            {
                throw new InvalidOperationException(
                    $"The reminder table '{options.TableName}' keeps service '{serviceId}'s reminders in {recorded} buckets, but Buckets is {options.Buckets}. " +
                    $"Set Buckets to {recorded}, or move them by setting PreviousBuckets to {recorded} until no reminder is left in the old layout.");
            }

            try
            {
                await WriteAsync(client, options, serviceId, recorded, cancellationToken);
                return;
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }

        throw new InvalidOperationException($"The reminder layout record of service '{serviceId}' in '{options.TableName}' kept changing while this silo started.");
    }

    private static Dictionary<string, AttributeValue> Key(string serviceId) => new()
    {
        [ReminderItem.PartitionKey] = new AttributeValue { S = serviceId + "#layout" },
        [ReminderItem.SortKey] = new AttributeValue { S = SortKeyValue },
    };

    private static async Task<int?> ReadAsync(IAmazonDynamoDB client, string tableName, string serviceId, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(serviceId), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? int.Parse(item[BucketsAttribute].N, CultureInfo.InvariantCulture) : null;
    }

    private static Task WriteAsync(IAmazonDynamoDB client, DynamoDBReminderOptions options, string serviceId, int? replaced, CancellationToken cancellationToken)
    {
        var item = Key(serviceId);
        item[BucketsAttribute] = new AttributeValue { N = options.Buckets.ToString(CultureInfo.InvariantCulture) };
        var request = new PutItemRequest { TableName = options.TableName, Item = item, ExpressionAttributeNames = new() { ["#b"] = BucketsAttribute } };
        if (replaced is { } old)
        {
            request.ConditionExpression = "#b = :old";
            request.ExpressionAttributeValues = new() { [":old"] = new AttributeValue { N = old.ToString(CultureInfo.InvariantCulture) } };
        }
        else
        {
            request.ConditionExpression = "attribute_not_exists(#b)";
        }

        return client.PutItemAsync(request, cancellationToken);
    }
}
