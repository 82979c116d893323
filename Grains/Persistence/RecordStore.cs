using Orleans.Storage;

namespace TDeveloper.Grains.Persistence;

/// <summary>
/// Single records in the grain-state store, addressed by a kind and a key instead of by a grain: a
/// workflow's journal entries and a session's event pages are many small records of one grain, each
/// written once (or rewritten while it fills), so a change costs bytes in proportion to itself.
/// </summary>
/// <remarks>
/// Built on <see cref="IGrainStorage"/> so that every configured store (memory, the local file store,
/// DynamoDB) holds them with the same conditional-write guarantees as grain state: a create with no ETag
/// fails if the record exists, a write with an ETag fails if it changed.
/// </remarks>
public sealed class RecordStore(IGrainStorage storage)
{
    /// <summary>Reads a record; <c>Value</c> is <see langword="null"/> when it does not exist.</summary>
    public async Task<(T? Value, string? ETag)> ReadAsync<T>(string kind, string key) where T : class
    {
        var record = new Record<T>();
        await storage.ReadStateAsync(kind, IdOf(kind, key), record);
        return record.RecordExists ? (record.State, record.ETag) : (null, null);
    }

    /// <summary>Creates (<paramref name="etag"/> null) or replaces a record and returns its new ETag.</summary>
    /// <exception cref="InconsistentStateException">The record exists (create) or changed since <paramref name="etag"/> was read.</exception>
    public async Task<string> WriteAsync<T>(string kind, string key, T value, string? etag) where T : class
    {
        var record = new Record<T> { State = value, ETag = etag, RecordExists = etag is not null };
        await storage.WriteStateAsync(kind, IdOf(kind, key), record);
        return record.ETag ?? throw new InvalidOperationException($"The grain storage returned no ETag for {kind} '{key}'.");
    }

    /// <summary>Deletes a record.</summary>
    public Task DeleteAsync<T>(string kind, string key, string? etag) where T : class
    {
        var record = new Record<T> { ETag = etag, RecordExists = etag is not null };
        return storage.ClearStateAsync(kind, IdOf(kind, key), record);
    }

    private static GrainId IdOf(string kind, string key) => GrainId.Create(kind, key);

    private sealed class Record<T> : IGrainState<T>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = default!;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
