namespace TDeveloper.Grains.Persistence;

/// <summary>
/// An append-only log of one owner's entries, each entry a record written once with a conditional create:
/// appending costs the entry's bytes however long the log is, and two writers racing for the same
/// position cannot both win.
/// </summary>
public sealed class Journal(RecordStore records)
{
    private const int LargestReadBatch = 32;

    /// <summary>Reads the entries after position <paramref name="after"/>, in order, until the first missing one.</summary>
    public async Task<List<T>> ReadAsync<T>(string kind, string owner, long after = 0) where T : class, IPersistedRecord
    {
        var entries = new List<T>();
        var batch = 1; // most journals read at activation are new or short: grow the parallel reads as the log proves long
        while (true)
        {
            var first = after + entries.Count + 1;
            var reads = await Task.WhenAll(Enumerable.Range(0, batch).Select(i => records.ReadAsync<T>(kind, KeyOf(owner, first + i))));
            foreach (var (value, _) in reads)
            {
                if (value is null) return entries;
                entries.Add(value);
            }

            batch = Math.Min(batch * 4, LargestReadBatch);
        }
    }

    /// <summary>Writes the entry at <paramref name="position"/> (from 1), which must not exist yet.</summary>
    /// <exception cref="Orleans.Storage.InconsistentStateException">Another writer already wrote that position.</exception>
    public Task AppendAsync<T>(string kind, string owner, long position, T entry) where T : class, IPersistedRecord =>
        records.WriteAsync(kind, KeyOf(owner, position), entry, etag: null);

    /// <summary>Deletes the entries from position 1 up to the first missing one.</summary>
    public async Task DeleteAsync(string kind, string owner)
    {
        for (var position = 1L; await records.DeleteIfExistsAsync(kind, KeyOf(owner, position)); position++)
        {
        }
    }

    private static string KeyOf(string owner, long position) => $"{owner}#{position}";
}
