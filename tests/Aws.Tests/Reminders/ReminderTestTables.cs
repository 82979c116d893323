using Microsoft.Extensions.Logging.Abstractions;
using TDeveloper.Aws.Reminders;

namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>A started reminder table on dynalite and the recorder of the requests it makes.</summary>
public sealed record StartedTable(DynamoDBReminderTable Table, RecordingDynamoDB Requests) : IDisposable
{
    public void Dispose() => Table.Dispose();
}

/// <summary>Starts reminder tables on the shared emulator; each test uses its own service id.</summary>
public static class ReminderTestTables
{
    /// <summary>The table the contract tests share; their service ids keep them apart.</summary>
    public const string TableName = "reminder-contract-tests";

    public static string NewServiceId() => "reminders-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Starts a new table instance for <paramref name="serviceId"/> (a second call for the same id is a silo restart).</summary>
    public static async Task<StartedTable> StartAsync(DynaliteFixture dynalite, string serviceId, Action<DynamoDBReminderOptions>? configure = null)
    {
        var options = dynalite.Configure(new DynamoDBReminderOptions { TableName = TableName });
        configure?.Invoke(options);
        RecordingDynamoDB? requests = null;
        var table = new DynamoDBReminderTable(options, serviceId, NullLogger.Instance, clientOptions =>
        {
            requests = RecordingDynamoDB.Wrap(DynamoDBClientFactory.Create(clientOptions), out var client);
            return client;
        });
        await table.StartAsync();
        requests!.Calls.Clear();
        requests.QueriedPartitions.Clear();
        return new StartedTable(table, requests);
    }
}
