using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;

namespace TDeveloper.Grains.Agents.Memory;

/// <summary>How many tokens of memory a model call may carry, so the call still fits the window of every model that may take it.</summary>
public static class ContextBudget
{
    /// <summary>
    /// Gets the tokens of memory a call of <paramref name="agent"/> may carry: at most <paramref name="maxTokens"/>, and no more
    /// than the smallest context window among the models that may take the call (the step's pins, else the agent's chain,
    /// else the whole catalog) leaves after <paramref name="callTokens"/>, the call's own prompt and answer; never negative.
    /// </summary>
    public static int For(ModelCatalogOptions catalog, string agent, ModelRequirements requirements, long callTokens, int maxTokens)
    {
        IEnumerable<string>? named = !requirements.Pinned.IsDefaultOrEmpty ? requirements.Pinned
            : catalog.Chains.TryGetValue(agent, out var chain) && chain.Count > 0 ? chain : null;
        var models = named?.Select(catalog.Find).OfType<ModelCatalogEntry>().ToList() is { Count: > 0 } found ? found : catalog.EffectiveCatalog;
        var chat = models.Where(m => m.Capabilities != ModelCapabilities.Embeddings).ToList(); // an embedding model never takes the call
        var window = (chat.Count > 0 ? chat : models).Min(m => (long)m.ContextWindow);
        return (int)Math.Clamp(window - callTokens, 0, Math.Max(0, maxTokens));
    }
}
