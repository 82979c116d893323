namespace TDeveloper.Aws.Storage;

/// <summary>Gets the compression applied to a serialized grain state above <see cref="DynamoDBStorageOptions.CompressAboveBytes"/>.</summary>
/// <remarks>The algorithm is recorded in each item, so changing this option never breaks reading older state.</remarks>
public enum StateCompression
{
    /// <summary>GZip (<see cref="System.IO.Compression.GZipStream"/>): fast, widely readable.</summary>
    GZip,

    /// <summary>Brotli (<see cref="System.IO.Compression.BrotliStream"/>): smaller output for text-like state.</summary>
    Brotli,
}
