using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Interfaces.Memory;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Options;

namespace TDeveloper.Unit.Tests.Memory;

/// <summary>Vector search of memory: the vector arithmetic, the offline embedder, the combined ranking and the embedder's cache.</summary>
public sealed class VectorSearchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    // Related only by spelling: the query shares no whole keyword with the first item, only stems (the offline model's trigrams).
    private const string Query = "configure authentication tokens";
    private const string Related = "configured the authenticator tokenisation";
    private const string Unrelated = "database migration scripts";

    private static MemoryVector Vector(string text) => MemoryVectors.Quantize(OfflineEmbeddingGenerator.Embed(text))!;

    [Fact]
    public void Quantised_vectors_keep_their_cosine_within_a_hundredth()
    {
        var random = new Random(12);
        for (var n = 0; n < 50; n++)
        {
            var a = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var b = a.Select(v => v + (float)(random.NextDouble() - 0.5)).ToArray(); // correlated, so cosines spread over 0.3–0.9
            var exact = MemoryVectors.Cosine(a, b);

            Assert.InRange(MemoryVectors.Cosine(MemoryVectors.Quantize(a)!, MemoryVectors.Quantize(b)!), exact - 0.01, exact + 0.01);
        }

        Assert.Equal(384 + MemoryVectors.OverheadBytes, MemoryVectors.BytesOf(MemoryVectors.Quantize(new float[384].Select((_, i) => (float)i).ToArray())!));
    }

    [Fact]
    public void A_zero_or_other_dimension_vector_compares_with_nothing()
    {
        Assert.Null(MemoryVectors.Quantize(new float[8]));
        Assert.Null(MemoryVectors.Quantize([1f, float.NaN]));
        Assert.Equal(0, MemoryVectors.Cosine(MemoryVectors.Quantize([1f, 0f])!, MemoryVectors.Quantize([1f, 0f, 0f])!));
        Assert.Equal(1, MemoryVectors.Cosine(MemoryVectors.Quantize([3f, 4f])!, MemoryVectors.Quantize([6f, 8f])!), 6);
        Assert.Equal(-1, MemoryVectors.Cosine(MemoryVectors.Quantize([3f, 4f])!, MemoryVectors.Quantize([-3f, -4f])!), 6);
    }

    [Fact]
    public async Task The_offline_embedder_is_deterministic_unit_length_and_relates_shared_stems()
    {
        using var generator = new OfflineEmbeddingGenerator();
        var embeddings = await generator.GenerateAsync([Query, Query, Related, Unrelated, "a an"]);
        var vectors = embeddings.Select(e => e.Vector.ToArray()).ToList();

        Assert.All(vectors, v => Assert.Equal(OfflineEmbeddingGenerator.DefaultDimensions, v.Length));
        Assert.Equal(vectors[0], vectors[1]);
        Assert.Equal(1, Math.Sqrt(vectors[0].Sum(v => (double)v * v)), 5);
        Assert.All(vectors[4], v => Assert.Equal(0f, v)); // no keywords, no direction
        Assert.True(MemoryVectors.Cosine(vectors[0], vectors[2]) > 0.5, $"related: {MemoryVectors.Cosine(vectors[0], vectors[2]):0.00}");
        Assert.True(MemoryVectors.Cosine(vectors[0], vectors[3]) < new MemoryOptions().SimilarityFloor, $"unrelated: {MemoryVectors.Cosine(vectors[0], vectors[3]):0.00}");
        Assert.Equal(64, (await generator.GenerateAsync([Query], new EmbeddingGenerationOptions { Dimensions = 64 }))[0].Vector.Length);
    }

    [Fact]
    public void The_match_blends_keyword_overlap_and_similarity_above_the_floor()
    {
        Assert.Equal(0, MemoryRelevance.Similarity(0.25, 0.25));
        Assert.Equal(0, MemoryRelevance.Similarity(-0.5, 0.25));
        Assert.Equal(0.5, MemoryRelevance.Similarity(0.625, 0.25), 9);
        Assert.Equal(1, MemoryRelevance.Similarity(1, 0.25));
        Assert.Equal(0.4, MemoryRelevance.Match(0.4, null, 0.5)); // no vectors: keywords alone
        Assert.Equal(0.7, MemoryRelevance.Match(0.4, 1.0, 0.5), 9);
        var item = new MemoryItem { Importance = MemoryImportance.High, LastAccessedAt = T0 };
        Assert.Equal(2 * 0.7 + 0.5 + 1, MemoryRelevance.Score(item, 0.4, 1.0, T0, TimeSpan.FromHours(1), 0.5), 9);
    }

    [Fact]
    public void A_similar_item_without_shared_keywords_is_found_by_its_vector_only()
    {
        var memory = new AgentMemory(new MemoryOptions());
        var related = memory.Remember("result", Related, MemoryImportance.Normal, T0);
        var unrelated = memory.Remember("result", Unrelated, MemoryImportance.Normal, T0);
        Assert.Empty(memory.Search(Query, 10, T0)); // no keyword in common

        Assert.Empty(memory.Rank(Query, Vector(Query), 10, T0)); // items without vectors rank by keywords alone
        Assert.True(memory.Attach(related.Id, Vector(Related), T0));
        Assert.True(memory.Attach(unrelated.Id, Vector(Unrelated), T0));
        var found = Assert.Single(memory.Rank(Query, Vector(Query), 10, T0));

        Assert.Equal(related.Id, found.Item.Id);
        Assert.Equal(0, found.Overlap);
        Assert.True(found.Cosine > 0.5);
        var context = memory.BuildContext(Query, Vector(Query), 1_000, 4, T0);
        Assert.Equal(related.Id, context.Items[0].Id); // the similar item leads the context
    }

    [Fact]
    public void Without_a_query_vector_ranking_and_contexts_are_the_keyword_ones()
    {
        AgentMemory Build(bool vectors)
        {
            var memory = new AgentMemory(new MemoryOptions());
            foreach (var (text, i) in new[] { "the zebra invoice exporter", "a walrus ledger", "zebra stripes", Related, Unrelated }.Select((t, i) => (t, i)))
            {
                var item = memory.Remember(i % 2 == 0 ? "result" : "instruction", text, (MemoryImportance)(i % 3), T0.AddMinutes(i));
                if (vectors) memory.Attach(item.Id, Vector(text), T0);
            }

            return memory;
        }

        var plain = Build(vectors: false);
        var embedded = Build(vectors: true);
        var now = T0.AddMinutes(10);

        Assert.Equal(plain.Search("zebra invoice", 10, now).Select(i => i.Text), embedded.Rank("zebra invoice", null, 10, now).Select(r => r.Item.Text));
        Assert.Equal(plain.BuildContext("zebra invoice", 500, 4, now).Text, embedded.BuildContext("zebra invoice", null, 500, 4, now).Text);
        Assert.Empty(embedded.Rank("", null, 10, now));
        Assert.Equal(5, embedded.Rank("the and", null, 10, now, listWhenEmpty: true).Length); // what the search endpoint does without a query
    }

    [Fact]
    public void Vectors_past_their_budget_are_dropped_from_the_least_relevant_items()
    {
        var perVector = MemoryVectors.BytesOf(Vector("anything"));
        var memory = new AgentMemory(new MemoryOptions { VectorBudgetBytes = perVector * 3 });
        var items = Enumerable.Range(0, 5).Select(i => memory.Remember("result", $"item number{i}", i == 0 ? MemoryImportance.Critical : MemoryImportance.Normal, T0.AddMinutes(i))).ToList();
        foreach (var item in items) memory.Attach(item.Id, Vector(item.Text), T0.AddMinutes(5));

        Assert.Equal(3, memory.VectorCount);
        Assert.True(memory.VectorBytes <= perVector * 3);
        Assert.NotNull(memory.VectorOf(items[0].Id)); // critical: most relevant
        Assert.NotNull(memory.VectorOf(items[4].Id)); // the newest, attached last
        Assert.Null(memory.VectorOf(items[1].Id)); // the oldest normal one
        Assert.Equal(2, memory.WithoutVectors(T0).Length);
    }

    [Fact]
    public async Task The_embedder_calls_the_model_once_per_text_and_caches_by_text()
    {
        var model = new CountingGenerator();
        var embedder = new MemoryEmbedder(new MemoryEmbeddingOptions { EmbeddingModel = "m", EmbeddingCacheItems = 2 }, () => model, NullLogger<MemoryEmbedder>.Instance);

        var first = await embedder.EmbedAsync([Query, Query, "", Related]);
        Assert.Equal([2], model.Batches); // the duplicate and the blank are not sent
        Assert.NotNull(first[0]);
        Assert.Same(first[0], first[1]);
        Assert.Null(first[2]);

        var again = await embedder.EmbedAsync([Related, Query]);
        Assert.Equal([2], model.Batches); // both cached
        Assert.Same(first[3], again[0]);

        await embedder.EmbedAsync([Unrelated]); // the cache holds two: Query was used last, so Related goes
        await embedder.EmbedAsync([Query]);
        Assert.Equal([2, 1], model.Batches);
        await embedder.EmbedAsync([Related]);
        Assert.Equal([2, 1, 1], model.Batches);
        Assert.Equal(2, embedder.Cached);
    }

    [Fact]
    public async Task A_failing_or_slow_model_leaves_texts_without_vectors_and_no_model_is_never_called()
    {
        var failing = new MemoryEmbedder(new MemoryEmbeddingOptions { EmbeddingModel = "m" }, () => new CountingGenerator { Fail = true }, NullLogger<MemoryEmbedder>.Instance);
        Assert.Null(Assert.Single(await failing.EmbedAsync([Query])));

        var slow = new MemoryEmbedder(new MemoryEmbeddingOptions { EmbeddingModel = "m", EmbeddingTimeout = TimeSpan.FromMilliseconds(10) }, () => new CountingGenerator { Hang = true }, NullLogger<MemoryEmbedder>.Instance);
        Assert.Null(Assert.Single(await slow.EmbedAsync([Query])));

        var none = new MemoryEmbedder(new MemoryEmbeddingOptions(), () => throw new InvalidOperationException("no model is configured"), NullLogger<MemoryEmbedder>.Instance);
        Assert.False(none.Enabled);
        Assert.All(await none.EmbedAsync([Query, Related]), Assert.Null);
    }

    private sealed class CountingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly OfflineEmbeddingGenerator _inner = new();

        public List<int> Batches { get; } = [];

        public bool Fail { get; init; }

        public bool Hang { get; init; }

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Batches.Add(list.Count);
            if (Fail) throw new HttpRequestException("503 Service Unavailable");
            if (Hang) await Task.Delay(Timeout.Infinite, cancellationToken);
            return await _inner.GenerateAsync(list, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
