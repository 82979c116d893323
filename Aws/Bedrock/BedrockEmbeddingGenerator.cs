using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Bedrock;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over Bedrock Runtime's InvokeModel (<c>POST /model/{modelId}/invoke</c>)
/// with the Titan Text Embeddings body (<c>{"inputText": …, "dimensions": …}</c> → <c>{"embedding": […], "inputTextTokenCount": …}</c>),
/// e.g. <c>amazon.titan-embed-text-v2:0</c>. Titan embeds one text per call, so the values are sent one after another.
/// </summary>
public sealed class BedrockEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly BedrockConnection _connection;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates a generator of the model, region, endpoint and credentials in <paramref name="options"/>.</summary>
    public BedrockEmbeddingGenerator(BedrockClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId);
        _connection = new BedrockConnection(options);
        _metadata = new EmbeddingGeneratorMetadata("aws.bedrock", _connection.KnownEndpoint, options.ModelId);
    }

    /// <inheritdoc/>
    /// <exception cref="ModelCallException">Bedrock refused or failed a call, or its answer could not be read.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = string.IsNullOrWhiteSpace(options?.ModelId) ? _connection.DefaultModelId : options.ModelId;
        var idempotencyKey = options?.AdditionalProperties?.TryGetValue(ConverseRequestBuilder.IdempotencyKeyProperty, out var key) == true ? key?.ToString() : null;
        var embeddings = new GeneratedEmbeddings<Embedding<float>> { Usage = new UsageDetails { InputTokenCount = 0 } };
        foreach (var value in values)
        {
            var body = new JsonObject { ["inputText"] = value };
            if (options?.Dimensions is int dimensions) body["dimensions"] = dimensions;
            using var response = await _connection.PostAsync(model, "invoke", body, idempotencyKey, stream: false, cancellationToken);
            var (vector, tokens) = Read(model, await response.Content.ReadAsByteArrayAsync(cancellationToken));
            embeddings.Add(new Embedding<float>(vector) { ModelId = model });
            embeddings.Usage.InputTokenCount += tokens;
        }

        embeddings.Usage.TotalTokenCount = embeddings.Usage.InputTokenCount;
        return embeddings;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private static (float[] Vector, long Tokens) Read(string model, byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var vector = root.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var tokens = root.TryGetProperty("inputTextTokenCount", out var count) ? count.GetInt64() : 0;
            return (vector, tokens);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw BedrockErrors.Malformed(model, $"the InvokeModel answer is not a Titan embedding ({ex.Message})", ex);
        }
    }
}
