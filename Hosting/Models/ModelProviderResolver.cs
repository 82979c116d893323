using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>Finds a catalog entry by id and the factory of its provider, with the errors that say what to fix; shared by chat clients and embeddings.</summary>
internal sealed class ModelProviderResolver(IOptions<ModelCatalogOptions> catalog, IEnumerable<IModelProviderFactory> factories)
{
    private readonly Dictionary<string, IModelProviderFactory> _factories = factories.ToDictionary(f => f.Provider, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the catalog entry <paramref name="modelId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The model is not in the catalog.</exception>
    public ModelCatalogEntry EntryOf(string modelId) =>
        catalog.Value.Find(modelId) ?? throw new KeyNotFoundException($"The model '{modelId}' is not in the catalog (TDeveloper:Models:Catalog).");

    /// <summary>Gets whether the catalog has an entry <paramref name="modelId"/>.</summary>
    public bool Has(string modelId) => catalog.Value.Find(modelId) is not null;

    /// <summary>Gets the factory of <paramref name="entry"/>'s provider.</summary>
    /// <exception cref="InvalidOperationException">No factory is registered for that provider.</exception>
    public IModelProviderFactory FactoryOf(ModelCatalogEntry entry) =>
        _factories.TryGetValue(entry.Provider, out var factory)
            ? factory
            : throw new InvalidOperationException($"No provider '{entry.Provider}' is registered for the model '{entry.Id}'; use one of {string.Join(", ", _factories.Keys)}.");
}
