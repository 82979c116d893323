using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Checkpoints;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>
/// Which checkpoints a session keeps, free of grains: none older than <see cref="CheckpointOptions.Retention"/>; of the rest
/// the <see cref="CheckpointOptions.KeepLatest"/> newest, then the newest of each earlier hour (UTC), newest hours first,
/// until <see cref="CheckpointOptions.MaxKept"/> are kept. So a session keeps a fine view of its last minutes and a coarse
/// one of its last hours.
/// </summary>
public static class CheckpointRetention
{
    /// <summary>Splits <paramref name="checkpoints"/> into those kept (oldest first) and those to delete, at <paramref name="now"/>.</summary>
    public static (ImmutableArray<CheckpointInfo> Kept, ImmutableArray<CheckpointInfo> Dropped) Apply(IEnumerable<CheckpointInfo> checkpoints, DateTimeOffset now, CheckpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(options);
        var newestFirst = checkpoints.OrderByDescending(c => c.TakenAt).ThenByDescending(c => c.Id, StringComparer.Ordinal).ToList();
        var kept = new HashSet<CheckpointInfo>();
        var young = newestFirst.Where(c => now - c.TakenAt < options.Retention).ToList();
        foreach (var checkpoint in young.Take(Math.Min(options.KeepLatest, options.MaxKept))) kept.Add(checkpoint);

        var hours = new HashSet<long>(kept.Select(c => HourOf(c.TakenAt)));
        foreach (var checkpoint in young.Skip(kept.Count))
        {
            if (kept.Count >= options.MaxKept) break;
            if (hours.Add(HourOf(checkpoint.TakenAt))) kept.Add(checkpoint); // the newest of an hour not yet represented
        }

        return ([.. newestFirst.Where(kept.Contains).Reverse()], [.. newestFirst.Where(c => !kept.Contains(c))]);
    }

    private static long HourOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerHour;
}
