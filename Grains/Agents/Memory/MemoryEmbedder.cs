using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces.Memory;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Agents.Memory;

/// <summary>
/// Embeds memory texts with the configured embedding model (<see cref="MemoryEmbeddingOptions.EmbeddingModel"/>), one batched
/// call per request, and caches the quantised vectors by text (<see cref="MemoryEmbeddingOptions.EmbeddingCacheItems"/>, least
/// recently used dropped first): a task's instruction, embedded for its context, is not embedded again when it is remembered.
/// One per silo; thread-safe. A failed or slow call (past <see cref="MemoryEmbeddingOptions.EmbeddingTimeout"/>) leaves the
/// texts without vectors, and memory ranks them by keywords: embeddings never fail a task.
/// </summary>
public sealed partial class MemoryEmbedder
{
    /// <summary>The most texts sent in one call; more are sent in several, one after another.</summary>
    public const int BatchSize = 64;

    private readonly MemoryEmbeddingOptions _options;
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>?> _generator;
    private readonly ILogger _logger;
    private readonly Dictionary<UInt128, LinkedListNode<(UInt128 Key, MemoryVector Vector)>> _cache = [];
    private readonly LinkedList<(UInt128 Key, MemoryVector Vector)> _recent = new(); // most recently used first
    private readonly Lock _lock = new();

    /// <summary>Creates the embedder over the generator <paramref name="generator"/> builds on first use (not called when no model is configured).</summary>
    public MemoryEmbedder(MemoryEmbeddingOptions options, Func<IEmbeddingGenerator<string, Embedding<float>>> generator, ILogger<MemoryEmbedder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        _options = options;
        _logger = logger;
        _generator = new(() => options.Enabled ? generator() : null);
    }

    /// <summary>Gets whether an embedding model is configured.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>Gets how many vectors the cache holds.</summary>
    public int Cached
    {
        get
        {
            lock (_lock) return _cache.Count;
        }
    }

    /// <summary>Embeds one text; null without a model, for a text without content, or when the call fails.</summary>
    public async Task<MemoryVector?> EmbedAsync(string text, CancellationToken cancellationToken = default) =>
        (await EmbedAsync([text], cancellationToken))[0];

    /// <summary>
    /// Embeds <paramref name="texts"/>, from the cache where it can and in one call for the rest; each vector is null without a
    /// model, for a blank text, or when the call fails (logged, counted as <c>failed</c>).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<MemoryVector?[]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new MemoryVector?[texts.Count];
        if (!Enabled || texts.Count == 0) return vectors;

        var missing = new Dictionary<UInt128, List<int>>();
        var cached = 0;
        lock (_lock)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(texts[i])) continue;
                var key = KeyOf(texts[i]);
                if (_cache.TryGetValue(key, out var node))
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    vectors[i] = node.Value.Vector;
                    cached++;
                }
                else if (missing.TryGetValue(key, out var same)) same.Add(i);
                else missing[key] = [i];
            }
        }

        if (cached > 0) TDeveloperTelemetry.MemoryEmbeddings.Add(cached, new KeyValuePair<string, object?>("outcome", "cached"));
        if (missing.Count == 0) return vectors;

        foreach (var batch in missing.Keys.Chunk(BatchSize)) await EmbedBatchAsync(texts, missing, batch, vectors, cancellationToken);
        return vectors;
    }

    private async Task EmbedBatchAsync(IReadOnlyList<string> texts, Dictionary<UInt128, List<int>> missing, UInt128[] keys, MemoryVector?[] vectors, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.EmbeddingTimeout);
            var generator = _generator.Value ?? throw new InvalidOperationException("No embedding model is configured.");
            var options = _options.EmbeddingDimensions > 0 ? new EmbeddingGenerationOptions { Dimensions = _options.EmbeddingDimensions } : null;
            var embeddings = await generator.GenerateAsync(keys.Select(k => texts[missing[k][0]]), options, timeout.Token);
            if (embeddings.Count != keys.Length) throw new InvalidOperationException($"The model answered {embeddings.Count} embeddings for {keys.Length} texts.");
            lock (_lock)
            {
                for (var k = 0; k < keys.Length; k++)
                {
                    if (MemoryVectors.Quantize(embeddings[k].Vector.Span) is not { } vector) continue;
                    foreach (var i in missing[keys[k]]) vectors[i] = vector;
                    Cache(keys[k], vector);
                }
            }

            TDeveloperTelemetry.MemoryEmbeddings.Add(keys.Length, new KeyValuePair<string, object?>("outcome", "embedded"));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            TDeveloperTelemetry.MemoryEmbeddings.Add(keys.Length, new KeyValuePair<string, object?>("outcome", "failed"));
            LogEmbeddingFailed(ex, _options.EmbeddingModel, keys.Length);
        }
    }

    private void Cache(UInt128 key, MemoryVector vector)
    {
        if (_options.EmbeddingCacheItems == 0 || _cache.ContainsKey(key)) return;
        _cache[key] = _recent.AddFirst((key, vector));
        while (_cache.Count > _options.EmbeddingCacheItems)
        {
            _cache.Remove(_recent.Last!.Value.Key);
            _recent.RemoveLast();
        }
    }

    // A digest, not the text: the cache holds no prompt or output, and 16 bytes a key whatever the text's length.
    private static UInt128 KeyOf(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding model {Model} failed to embed {Count} memory texts; they are searched by keyword only")]
    private partial void LogEmbeddingFailed(Exception exception, string model, int count);
}
