using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Agents.Memory;

/// <summary>Checks at start that the memory's embedding model is the offline one or a catalog entry with the <c>Embeddings</c> capability.</summary>
public sealed class MemoryEmbeddingOptionsValidator(IOptions<ModelCatalogOptions> catalog) : IValidateOptions<MemoryEmbeddingOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, MemoryEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || options.EmbeddingModel == OfflineEmbeddingGenerator.ModelId) return ValidateOptionsResult.Success;
        var setting = $"{MemoryEmbeddingOptions.Section}:{nameof(MemoryEmbeddingOptions.EmbeddingModel)}";
        return catalog.Value.Find(options.EmbeddingModel) switch
        {
            null => ValidateOptionsResult.Fail($"{setting} names '{options.EmbeddingModel}', which is not in the catalog ({ModelCatalogOptions.Section}:Catalog); use a catalog id or '{OfflineEmbeddingGenerator.ModelId}'."),
            { } entry when !entry.Capabilities.HasFlag(ModelCapabilities.Embeddings) =>
                ValidateOptionsResult.Fail($"{setting} names '{entry.Id}', whose catalog entry lacks the Embeddings capability; add it to its Capabilities if it is an embedding model."),
            _ => ValidateOptionsResult.Success,
        };
    }
}
