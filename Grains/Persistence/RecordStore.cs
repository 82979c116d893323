using Orleans.Serialization;
using Orleans.Storage;
using TDeveloper.Grains.Security.Crypto;

namespace TDeveloper.Grains.Persistence;

/// <summary>
/// Single records in the grain-state store, addressed by a kind and a key instead of by a grain: a
/// workflow's journal entries and a session's event pages are many small records of one grain, each
/// written once (or rewritten while it fills), so a change costs bytes in proportion to itself.
/// </summary>
/// <remarks>
/// Built on <see cref="IGrainStorage"/> so that every configured store (memory, the local file store,
/// DynamoDB) holds them with the same conditional-write guarantees as grain state: a create with no ETag
/// fails if the record exists, a write with an ETag fails if it changed. The value is encoded with Orleans'
/// own version-tolerant binary serializer and stored as one opaque payload, so the store's grain-state
/// serializer (JSON in a default silo) only copies bytes: records are written on the hot path. With a
/// <see cref="StateSealing"/>, the sensitive fields of a record are sealed for <c>{kind}/{key}</c> before it is encoded and
/// opened after it is decoded, so a sealed field moved to another record does not open.
/// </remarks>
public sealed class RecordStore(IGrainStorage storage, Serializer serializer, StateSealing? sealing = null)
{
    /// <summary>Reads a record; <c>Value</c> is <see langword="null"/> when it does not exist.</summary>
    public async Task<(T? Value, string? ETag)> ReadAsync<T>(string kind, string key) where T : class, IPersistedRecord
    {
        var record = new GrainState<RecordPayload>();
        await storage.ReadStateAsync(kind, IdOf(kind, key), record);
        if (!record.RecordExists || record.State is not { Bytes: { } bytes }) return (null, null);
        var value = serializer.Deserialize<T>(bytes)!;
        if (sealing is not null) await sealing.OpenAsync(value, OwnerOf(kind, key));
        return (value, record.ETag);
    }

    /// <summary>Creates (<paramref name="etag"/> null) or replaces a record and returns its new ETag.</summary>
    /// <exception cref="InconsistentStateException">The record exists (create) or changed since <paramref name="etag"/> was read.</exception>
    public async Task<string> WriteAsync<T>(string kind, string key, T value, string? etag) where T : class, IPersistedRecord
    {
        var stored = sealing is null ? value : await sealing.SealedCopyAsync(value, OwnerOf(kind, key));
        var record = new GrainState<RecordPayload> { State = new RecordPayload { Bytes = serializer.SerializeToArray(stored) }, ETag = etag, RecordExists = etag is not null };
        await storage.WriteStateAsync(kind, IdOf(kind, key), record);
        return record.ETag ?? throw new InvalidOperationException($"The grain storage returned no ETag for {kind} '{key}'.");
    }

    /// <summary>Deletes a record if it exists; returns whether it did.</summary>
    public async Task<bool> DeleteIfExistsAsync(string kind, string key)
    {
        var record = new GrainState<RecordPayload>();
        await storage.ReadStateAsync(kind, IdOf(kind, key), record);
        if (!record.RecordExists) return false;
        await storage.ClearStateAsync(kind, IdOf(kind, key), record);
        return true;
    }

    private static GrainId IdOf(string kind, string key) => GrainId.Create(kind, key);

    private static string OwnerOf(string kind, string key) => $"{kind}/{key}";
}

/// <summary>A record's value as stored: Orleans' binary encoding of it.</summary>
[GenerateSerializer, Alias("TDeveloper.RecordPayload")]
public sealed class RecordPayload
{
    /// <summary>Gets or sets the encoded value.</summary>
    [Id(0)] public byte[]? Bytes { get; set; }
}
