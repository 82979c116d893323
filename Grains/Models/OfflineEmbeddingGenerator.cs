using Microsoft.Extensions.AI;
using TDeveloper.Grains.Agents.Memory;

namespace TDeveloper.Grains.Models;

/// <summary>
/// A deterministic embedding model for the default run and for tests: no key, no network, no weights. Each keyword of the text
/// (<see cref="MemoryRelevance.Keywords"/>) adds its whole form and its character trigrams, with the word's edges marked
/// (<c>&lt;co, con, onf … ed&gt;</c>), into a fixed number of dimensions by feature hashing (FNV-1a, the hash's top bit choosing
/// the sign, so collisions cancel out on average); the vector is scaled to unit length. Texts sharing word stems
/// ("configure" and "configured", "token" and "tokens") come out close though they share no whole keyword; texts with no
/// trigram in common come out near 0 (collisions alone give about ±1/√dimensions).
/// </summary>
/// <remarks>It knows no meaning, only spelling: "car" and "automobile" are unrelated to it. A real model (OpenAI, Titan, Ollama) knows both.</remarks>
public sealed class OfflineEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The catalog id of the offline embedding model, usable as <c>TDeveloper:Agents:Memory:EmbeddingModel</c> without a catalog entry.</summary>
    public const string ModelId = "offline-embeddings";

    /// <summary>The dimensions of a vector unless the call asks for others.</summary>
    public const int DefaultDimensions = 256;

    /// <summary>The fewest and most dimensions a call may ask for.</summary>
    public const int MinDimensions = 8, MaxDimensions = 4_096;

    private static readonly EmbeddingGeneratorMetadata Metadata = new("offline", null, ModelId, DefaultDimensions);

    /// <inheritdoc/>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        cancellationToken.ThrowIfCancellationRequested();
        var dimensions = Math.Clamp(options?.Dimensions ?? DefaultDimensions, MinDimensions, MaxDimensions);
        var embeddings = new GeneratedEmbeddings<Embedding<float>> { Usage = new UsageDetails { InputTokenCount = 0 } };
        foreach (var value in values)
        {
            embeddings.Add(new Embedding<float>(Embed(value, dimensions)) { ModelId = ModelId, CreatedAt = null });
            embeddings.Usage.InputTokenCount += (value.Length + 3) / 4;
        }

        embeddings.Usage.TotalTokenCount = embeddings.Usage.InputTokenCount;
        return Task.FromResult(embeddings);
    }

    /// <summary>Gets the embedding of <paramref name="text"/> in <paramref name="dimensions"/> dimensions: unit length, or all zero for a text without keywords.</summary>
    public static float[] Embed(string? text, int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var vector = new float[dimensions];
        foreach (var word in MemoryRelevance.Keywords(text))
        {
            Add(vector, word.AsSpan(), 1f);
            var marked = $"<{word}>";
            for (var i = 0; i + 3 <= marked.Length; i++) Add(vector, marked.AsSpan(i, 3), 1f);
        }

        MemoryVectors.Normalize(vector);
        return vector;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static void Add(float[] vector, ReadOnlySpan<char> feature, float weight)
    {
        var hash = 2166136261u;
        foreach (var c in feature)
        {
            hash = (hash ^ c) * 16777619u;
        }

        vector[(int)(hash % (uint)vector.Length)] += (hash & 0x80000000u) == 0 ? weight : -weight;
    }
}
