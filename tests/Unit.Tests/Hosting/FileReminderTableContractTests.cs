using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using TDeveloper.Hosting.Reminders;

namespace TDeveloper.Unit.Tests.Hosting;

/// <summary>The reminder table contract on <see cref="FileReminderTable"/>, in a directory of its own per test.</summary>
public sealed class FileReminderTableContractTests : ReminderTableContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tdev-reminders-" + Guid.NewGuid().ToString("N"));

    protected override async Task<IReminderTable> StartTableAsync(string serviceId)
    {
        var table = new FileReminderTable(new FileReminderTableOptions { Directory = _directory }, serviceId, NullLogger.Instance);
        await table.StartAsync();
        return table;
    }

    [Fact]
    public async Task Two_instances_on_one_directory_lose_no_concurrent_upsert()
    {
        var a = await StartTableAsync("shared");
        var b = await StartTableAsync("shared");
        var entries = Enumerable.Range(0, 40).Select(i => TestReminders.Entry(TestReminders.NewGrain(), "r" + i)).ToList();

        await Task.WhenAll(a.UpsertAllAsync(entries.Where((_, i) => i % 2 == 0)), b.UpsertAllAsync(entries.Where((_, i) => i % 2 == 1)));

        Assert.Equal(entries.Count, (await a.ReadRows(0, 0)).Reminders.Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
