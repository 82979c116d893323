using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>Writes and reads reminder items the way the table did before buckets: every row under the bare service id.</summary>
public static class LegacyReminderRows
{
    /// <summary>Puts <paramref name="entry"/> as the pre-bucket table wrote it, with ETag <paramref name="eTag"/>.</summary>
    public static async Task PutAsync(IAmazonDynamoDB client, string serviceId, ReminderEntry entry, string eTag)
    {
        await DynamoDBTables.EnsureAsync(client, ReminderTestTables.TableName, "PK", "SK", createIfNotExists: true);
        var hash = entry.GrainId.GetUniformHashCode();
        var grain = entry.GrainId.ToString();
        var sortKey = $"{hash.ToString("X8", CultureInfo.InvariantCulture)}#{grain.Replace("%", "%25", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal)}#{entry.ReminderName}";
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = ReminderTestTables.TableName,
            Item = new()
            {
                ["PK"] = new AttributeValue { S = serviceId },
                ["SK"] = new AttributeValue { S = sortKey },
                ["GrainId"] = new AttributeValue { S = grain },
                ["ReminderName"] = new AttributeValue { S = entry.ReminderName },
                ["StartAt"] = new AttributeValue { S = entry.StartAt.ToString("O", CultureInfo.InvariantCulture) },
                ["Period"] = new AttributeValue { S = entry.Period.ToString("c", CultureInfo.InvariantCulture) },
                ["ETag"] = new AttributeValue { S = eTag },
                ["GrainHash"] = new AttributeValue { N = hash.ToString(CultureInfo.InvariantCulture) },
            },
        });
    }

    /// <summary>Gets every item under partition key <paramref name="partitionKey"/>.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> InPartitionAsync(IAmazonDynamoDB client, string partitionKey)
    {
        var request = new QueryRequest
        {
            TableName = ReminderTestTables.TableName,
            KeyConditionExpression = "PK = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = partitionKey } },
            ConsistentRead = true,
        };
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await client.QueryAsync(request);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return items;
    }
}
