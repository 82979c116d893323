using Orleans;
using Orleans.Runtime;

namespace TDeveloper.Tests.Reminders;

/// <summary>Grain ids and reminder entries for the contract tests.</summary>
public static class TestReminders
{
    private static readonly GrainType Type = GrainType.Create("reminder-test");

    public static GrainId Grain(string key) => GrainId.Create(Type, key);

    public static GrainId NewGrain() => Grain(Guid.NewGuid().ToString("N"));

    /// <summary>A new grain whose uniform hash lies in [<paramref name="low"/>, <paramref name="high"/>]: random keys are tried until one fits.</summary>
    public static GrainId GrainWithHashIn(uint low, uint high, string keyPrefix = "")
    {
        while (true)
        {
            var grain = Grain(keyPrefix + Guid.NewGuid().ToString("N"));
            var hash = grain.GetUniformHashCode();
            if (hash >= low && hash <= high) return grain;
        }
    }

    /// <summary>A reminder whose start has sub-millisecond ticks and whose period is not round, so a lossy round trip shows.</summary>
    public static ReminderEntry Entry(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567),
        Period = TimeSpan.FromMinutes(1) + TimeSpan.FromTicks(89),
    };

    /// <summary>Whether <paramref name="hash"/> is in the ring range (begin, end], which wraps when begin ≥ end.</summary>
    public static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    /// <summary>The identities of <paramref name="data"/>'s rows, for set comparisons.</summary>
    public static HashSet<(GrainId, string)> Keys(this ReminderTableData data) => data.Reminders.Select(r => (r.GrainId, r.ReminderName)).ToHashSet();

    /// <summary>Upserts <paramref name="entries"/> a few at a time.</summary>
    public static Task UpsertAllAsync(this IReminderTable table, IEnumerable<ReminderEntry> entries) =>
        Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (entry, _) => await table.UpsertRow(entry));
}
