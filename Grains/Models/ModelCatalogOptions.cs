using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Models;

/// <summary>The models the agents may use and how they are chosen (section <c>TDeveloper:Models</c>).</summary>
public sealed class ModelCatalogOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Models";

    /// <summary>Gets or sets the models. When empty, the catalog is the offline model alone.</summary>
    public List<ModelCatalogEntry> Catalog { get; set; } = [];

    /// <summary>Gets or sets fallback chains per agent name (e.g. <c>CodeAgent: [claude-sonnet, gpt-4o]</c>): tried in order instead of the router's ranking.</summary>
    public Dictionary<string, List<string>> Chains { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets the catalog in use: the configured models, or the offline model alone.</summary>
    public IReadOnlyList<ModelCatalogEntry> EffectiveCatalog => Catalog.Count > 0 ? Catalog : [OfflineEntry];

    /// <summary>The catalog entry of the offline model.</summary>
    public static ModelCatalogEntry OfflineEntry { get; } = new()
    {
        Id = OfflineChatClient.ModelId,
        Provider = ModelProviders.Offline,
        ContextWindow = 200_000,
        Capabilities = Interfaces.Models.ModelCapabilities.Tools | Interfaces.Models.ModelCapabilities.JsonOutput,
        ExpectedLatency = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>
    /// The entry of the offline embedding model, which memory search may use (<c>TDeveloper:Agents:Memory:EmbeddingModel</c>)
    /// without listing it in the catalog. It is no chat model: the router never sees it.
    /// </summary>
    public static ModelCatalogEntry OfflineEmbeddingsEntry { get; } = new()
    {
        Id = OfflineEmbeddingGenerator.ModelId,
        Provider = ModelProviders.Offline,
        ContextWindow = 8_192,
        Capabilities = Interfaces.Models.ModelCapabilities.Embeddings,
        ExpectedLatency = TimeSpan.Zero,
    };

    /// <summary>Gets the entry with <paramref name="id"/>, or null.</summary>
    public ModelCatalogEntry? Find(string id) => EffectiveCatalog.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Catalog.Count; i++)
        {
            var entry = Catalog[i];
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(entry, new ValidationContext(entry), results, validateAllProperties: true);
            var prefix = $"{nameof(Catalog)}:{i}:";
            foreach (var result in results) yield return new ValidationResult(result.ErrorMessage, [.. result.MemberNames.Select(m => prefix + m)]);
            if (!known.Add(entry.Id)) yield return new ValidationResult($"repeats the model id '{entry.Id}'.", [$"{nameof(Catalog)}:{i}:{nameof(entry.Id)}"]);
            foreach (var problem in ModelEndpoints.Check(entry, i)) yield return problem;
        }

        foreach (var (agent, chain) in Chains)
        {
            foreach (var model in chain.Where(m => Find(m) is null))
                yield return new ValidationResult($"names '{model}', which is not in the catalog.", [$"{nameof(Chains)}:{agent}"]);
        }
    }
}
