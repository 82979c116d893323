using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Options;

/// <summary>
/// Gets or sets the embedding model of memory search (section <c>TDeveloper:Agents:Memory</c>, beside <see cref="MemoryOptions"/>):
/// with one, agents' and sessions' memory items get an embedding and are searched by vector similarity as well as by keyword.
/// </summary>
public sealed class MemoryEmbeddingOptions
{
    /// <summary>The configuration section the options are bound from (the agents' memory section).</summary>
    public const string Section = MemoryOptions.Section;

    /// <summary>
    /// Gets or sets the catalog id of the embedding model (an entry with the <c>Embeddings</c> capability), or
    /// <c>offline-embeddings</c> for the built-in deterministic one; empty for keyword search only. Default empty.
    /// </summary>
    [MaxLength(200)]
    public string EmbeddingModel { get; set; } = "";

    /// <summary>Gets or sets the dimensions to ask the model for (models that can shorten their vectors honour it); 0 for the model's own. Default 0.</summary>
    [Range(0, 8_192)]
    public int EmbeddingDimensions { get; set; }

    /// <summary>Gets or sets how long one embedding call may take before the texts are left keyword-only. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan EmbeddingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many embeddings each silo caches by text (a query and the item it becomes are embedded once). Default 4,096.</summary>
    [Range(0, 1_000_000)]
    public int EmbeddingCacheItems { get; set; } = 4_096;

    /// <summary>Gets whether an embedding model is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(EmbeddingModel);
}
