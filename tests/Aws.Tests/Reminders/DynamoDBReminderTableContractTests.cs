using TDeveloper.Aws.Reminders;
using TDeveloper.Tests.Reminders;

namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>The reminder table contract on dynalite, with the default options (32 buckets, legacy partition read).</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBReminderTableContractTests(DynaliteFixture dynalite) : DynamoDBReminderTableContract(dynalite);

/// <summary>The reminder table contract with 4 buckets, so a range's intervals often span several, and no legacy partition.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBReminderTableWithFourBucketsContractTests(DynaliteFixture dynalite) : DynamoDBReminderTableContract(dynalite, o =>
{
    o.Buckets = 4;
    o.ReadLegacyPartition = false;
});

/// <summary>The reminder table contract on dynalite with options of the subclass's.</summary>
public abstract class DynamoDBReminderTableContract(DynaliteFixture dynalite, Action<DynamoDBReminderOptions>? configure = null) : ReminderTableContract, IDisposable
{
    private readonly List<StartedTable> _started = [];

    protected override async Task<IReminderTable> StartTableAsync(string serviceId)
    {
        var started = await ReminderTestTables.StartAsync(dynalite, serviceId, configure);
        _started.Add(started);
        return started.Table;
    }

    public void Dispose() => _started.ForEach(s => s.Dispose());
}
