using TDeveloper.Tests.Reminders;

namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>The reminder table contract on dynalite.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBReminderTableContractTests(DynaliteFixture dynalite) : ReminderTableContract, IDisposable
{
    private readonly List<StartedTable> _started = [];

    protected override async Task<IReminderTable> StartTableAsync(string serviceId)
    {
        var started = await ReminderTestTables.StartAsync(dynalite, serviceId);
        _started.Add(started);
        return started.Table;
    }

    public void Dispose() => _started.ForEach(s => s.Dispose());
}
