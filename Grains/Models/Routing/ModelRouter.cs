using System.Collections.Immutable;
using System.Globalization;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Routing;

/// <summary>
/// Chooses models for a call. <see cref="Rank"/> keeps the catalog's models that have the required capabilities, a
/// context window large enough, the request's language and a typical latency within budget, and are healthy; then
/// orders them by specialty 0.3 + cost 0.2 + performance 0.3 + availability 0.2. <see cref="Screen"/> keeps a chain's
/// order and applies only what a model cannot do without (capabilities, context window).
/// </summary>
public static class ModelRouter
{
    /// <summary>The weight of the specialty score.</summary>
    public const double SpecialtyWeight = 0.3;

    /// <summary>The weight of the cost score.</summary>
    public const double CostWeight = 0.2;

    /// <summary>The weight of the performance score.</summary>
    public const double PerformanceWeight = 0.3;

    /// <summary>The weight of the availability score.</summary>
    public const double AvailabilityWeight = 0.2;

    /// <summary>Rates every model of <paramref name="catalog"/> for <paramref name="query"/> and ranks those that can take it, best first.</summary>
    public static ModelRoute Rank(IReadOnlyList<ModelCatalogEntry> catalog, ModelQuery query, Func<string, ModelStats> stats)
    {
        var rated = Rate(catalog, query, stats, hardOnly: false);
        var ranked = rated.Where(r => r.Score.ExcludedBecause is null).OrderByDescending(r => r.Score.Total).ToImmutableArray();
        var reason = ranked.IsEmpty
            ? $"no model of {catalog.Count} can take the call"
            : Invariant($"best score {ranked[0].Score.Total:0.00} of {ranked.Length} eligible");
        return new ModelRoute([.. ranked.Select(r => r.Entry)], [.. rated.Select(r => r.Score)], reason);
    }

    /// <summary>Keeps the models of <paramref name="chain"/>, in order, that have the capabilities and context window <paramref name="query"/> needs.</summary>
    public static ModelRoute Screen(IReadOnlyList<ModelCatalogEntry> chain, ModelQuery query, Func<string, ModelStats> stats, string reason)
    {
        var rated = Rate(chain, query, stats, hardOnly: true);
        return new ModelRoute([.. rated.Where(r => r.Score.ExcludedBecause is null).Select(r => r.Entry)], [.. rated.Select(r => r.Score)], reason);
    }

    /// <summary>Gets why <paramref name="entry"/> cannot take <paramref name="query"/>, or null when it can.</summary>
    /// <param name="entry">The model.</param>
    /// <param name="query">The call.</param>
    /// <param name="stats">What was measured of the model.</param>
    /// <param name="hardOnly">Whether to check only what the model cannot do without (capabilities, context window), as for a chain or pin.</param>
    public static string? Exclusion(ModelCatalogEntry entry, ModelQuery query, ModelStats stats, bool hardOnly)
    {
        if (entry.Capabilities == ModelCapabilities.Embeddings) return "is an embedding model (its only capability is Embeddings)";
        var missing = query.Capabilities & ~entry.Capabilities;
        if (missing != ModelCapabilities.None) return $"lacks {missing}";
        if (entry.ContextWindow < query.TokensNeeded) return Invariant($"context window of {entry.ContextWindow:N0} tokens is below the {query.TokensNeeded:N0} needed");
        if (hardOnly) return null;
        if (query.Language is { Length: > 0 } language && entry.Languages.Count > 0 && !entry.Languages.Any(l => SameLanguage(l, language)))
            return $"does not list the language '{language}'";
        var latency = stats.Latency ?? entry.ExpectedLatency;
        if (query.LatencyBudget is { } budget && latency > budget)
            return Invariant($"typical latency {latency.TotalSeconds:0.###} s is over the budget of {budget.TotalSeconds:0.###} s");
        return stats.IsAvailable ? null : "unhealthy: its circuit is open";
    }

    /// <summary>Gets whether <paramref name="entry"/> specialises in <paramref name="agent"/>'s work: its name (CodeAgent) or domain (code).</summary>
    public static double SpecialtyOf(ModelCatalogEntry entry, string agent)
    {
        var domain = agent.EndsWith("Agent", StringComparison.Ordinal) ? agent[..^"Agent".Length] : agent;
        return entry.Specialties.Any(s => string.Equals(s, agent, StringComparison.OrdinalIgnoreCase) || string.Equals(s, domain, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
    }

    private static List<(ModelCatalogEntry Entry, ModelCandidateScore Score)> Rate(IReadOnlyList<ModelCatalogEntry> models, ModelQuery query, Func<string, ModelStats> stats, bool hardOnly)
    {
        var measured = models.Select(m => (Entry: m, Stats: stats(m.Id))).ToList();
        var excluded = measured.Select(m => Exclusion(m.Entry, query, m.Stats, hardOnly)).ToList();
        var eligible = measured.Where((_, i) => excluded[i] is null).ToList();
        var prices = eligible.Select(m => BlendedPrice(m.Entry)).DefaultIfEmpty(0m).ToList();
        var (cheapest, dearest) = (prices.Min(), prices.Max());
        var fastest = eligible.Select(m => LatencyOf(m.Entry, m.Stats)).DefaultIfEmpty(1).Min();

        return [.. measured.Select((m, i) => (m.Entry, excluded[i] is { } why
            ? new ModelCandidateScore { Model = m.Entry.Id, ExcludedBecause = why }
            : Score(m.Entry, SpecialtyOf(m.Entry, query.Agent), CostScore(BlendedPrice(m.Entry), cheapest, dearest), fastest / LatencyOf(m.Entry, m.Stats), 1 - m.Stats.ErrorRate)))];
    }

    private static ModelCandidateScore Score(ModelCatalogEntry entry, double specialty, double cost, double performance, double availability) => new()
    {
        Model = entry.Id,
        Specialty = Round(specialty),
        Cost = Round(cost),
        Performance = Round(performance),
        Availability = Round(availability),
        Total = Round(SpecialtyWeight * specialty + CostWeight * cost + PerformanceWeight * performance + AvailabilityWeight * availability),
    };

    // Linear between the cheapest (1) and the dearest (0) eligible model: a free model does not push every paid one to 0.
    private static double CostScore(decimal price, decimal cheapest, decimal dearest) =>
        dearest == cheapest ? 1 : (double)((dearest - price) / (dearest - cheapest));

    private static decimal BlendedPrice(ModelCatalogEntry entry) => (entry.InputPricePer1K + entry.OutputPricePer1K) / 2;

    private static double LatencyOf(ModelCatalogEntry entry, ModelStats stats) => Math.Max(1, (stats.Latency ?? entry.ExpectedLatency).TotalMilliseconds);

    private static bool SameLanguage(string listed, string asked) => string.Equals(Primary(listed), Primary(asked), StringComparison.OrdinalIgnoreCase);

    private static string Primary(string language) => language.Split('-', '_')[0];

    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
