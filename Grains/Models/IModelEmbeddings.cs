using Microsoft.Extensions.AI;

namespace TDeveloper.Grains.Models;

/// <summary>The embedding generator of each catalog model whose capabilities include <c>Embeddings</c>, built once per silo.</summary>
public interface IModelEmbeddings
{
    /// <summary>Gets the embedding generator of the catalog model <paramref name="modelId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The model is not in the catalog.</exception>
    /// <exception cref="InvalidOperationException">The model's catalog entry lacks the <c>Embeddings</c> capability, or its provider has no embeddings.</exception>
    IEmbeddingGenerator<string, Embedding<float>> Get(string modelId);
}
