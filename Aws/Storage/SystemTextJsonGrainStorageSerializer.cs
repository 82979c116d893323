using System.Text.Json;
using Orleans.Storage;

namespace TDeveloper.Aws.Storage;

/// <summary>
/// Serializes grain state as UTF-8 JSON with System.Text.Json, so stored items can be read by people and tools.
/// Selected by <see cref="DynamoDBStorageOptions.UseJson"/>, or set as any provider's <see cref="IStorageProviderSerializerOptions.GrainStorageSerializer"/>.
/// </summary>
/// <remarks>
/// Orleans' binary serializer stays the default: it is version tolerant through <c>[Id]</c> members and handles
/// polymorphism, which System.Text.Json does only with converters and <c>[JsonDerivedType]</c>.
/// </remarks>
/// <param name="options">The serializer options. Default: <see cref="JsonSerializerDefaults.Web"/> (camelCase, case-insensitive reads).</param>
public sealed class SystemTextJsonGrainStorageSerializer(JsonSerializerOptions? options = null) : IGrainStorageSerializer
{
    private readonly JsonSerializerOptions _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    /// <inheritdoc/>
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    /// <inheritdoc/>
    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options);
}
