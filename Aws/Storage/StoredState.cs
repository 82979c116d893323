namespace TDeveloper.Aws.Storage;

/// <summary>A grain state as kept in the table: its ETag and its payload (possibly compressed), or no payload when cleared.</summary>
/// <param name="ETag">The ETag of the write that made it.</param>
/// <param name="Payload">The stored bytes, or <see langword="null"/> for a cleared record.</param>
/// <param name="Compression">The compression of <paramref name="Payload"/>, or <see langword="null"/>.</param>
internal sealed record StoredState(string ETag, byte[]? Payload, string? Compression);
