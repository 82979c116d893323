using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace TDeveloper.Aws;

/// <summary>Checks that an adapter's table exists at start (creating it when allowed), with errors that name what is wrong.</summary>
public static class DynamoDBTables
{
    /// <summary>
    /// Ensures <paramref name="tableName"/> exists and is active. A missing table is created with the given
    /// string keys when <paramref name="createIfNotExists"/> is set, and otherwise refused with an error.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="tableName">The table.</param>
    /// <param name="partitionKey">The partition (hash) key attribute, a string.</param>
    /// <param name="sortKey">The sort (range) key attribute, a string, or <see langword="null"/> for none.</param>
    /// <param name="createIfNotExists">Whether a missing table may be created.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="InvalidOperationException">The table is missing, or DynamoDB refused the credentials.</exception>
    public static async Task EnsureAsync(IAmazonDynamoDB client, string tableName, string partitionKey, string? sortKey, bool createIfNotExists, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await StatusAsync(client, tableName, cancellationToken);
            if (status is null)
            {
                if (!createIfNotExists)
                {
                    throw new InvalidOperationException($"DynamoDB table '{tableName}' does not exist at {Describe(client)}. Create it with the infrastructure in deploy/, or set CreateIfNotExists=true (emulators and development only).");
                }

                await CreateAsync(client, tableName, partitionKey, sortKey, cancellationToken);
            }

            for (var wait = 0; status != TableStatus.ACTIVE; wait++)
            {
                if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * wait)), cancellationToken);
                status = await StatusAsync(client, tableName, cancellationToken);
            }
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode is "UnrecognizedClientException" or "InvalidSignatureException" or "AccessDeniedException" or "ExpiredTokenException" || ex.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException($"DynamoDB at {Describe(client)} refused the credentials for table '{tableName}' ({ex.ErrorCode}: {ex.Message}). Check the AWS credential chain (environment, profile, role).", ex);
        }
    }

    private static async Task<TableStatus?> StatusAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.DescribeTableAsync(tableName, cancellationToken)).Table.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private static async Task CreateAsync(IAmazonDynamoDB client, string tableName, string partitionKey, string? sortKey, CancellationToken cancellationToken)
    {
        var request = new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition(partitionKey, ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement(partitionKey, KeyType.HASH)],
        };
        if (sortKey is not null)
        {
            request.AttributeDefinitions.Add(new AttributeDefinition(sortKey, ScalarAttributeType.S));
            request.KeySchema.Add(new KeySchemaElement(sortKey, KeyType.RANGE));
        }

        try
        {
            await client.CreateTableAsync(request, cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Another silo created it first.
        }
    }

    private static string Describe(IAmazonDynamoDB client) => client.Config.ServiceURL ?? client.Config.RegionEndpoint?.SystemName ?? "the default AWS endpoint";
}
