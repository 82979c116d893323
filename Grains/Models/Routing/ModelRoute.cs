using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Routing;

/// <summary>The router's answer: the models to try in order, how every model was rated, and why.</summary>
/// <param name="Models">The models that can take the call, best first (or in chain order).</param>
/// <param name="Candidates">The rating of every model considered, excluded ones with their reason.</param>
/// <param name="Reason">A one-line explanation ("best score 0.82 of 3 eligible").</param>
public sealed record ModelRoute(ImmutableArray<ModelCatalogEntry> Models, ImmutableArray<ModelCandidateScore> Candidates, string Reason);
