using System.Collections.Immutable;
using System.Globalization;
using TDeveloper.Grains.Interfaces.Supervision;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>
/// Combines the sources' votes into a ranked decision. For each agent type <c>a</c>:
/// <c>score(a) = Σ_s w_s · v_s(a) / Σ_s w_s</c> over the sources <c>s</c> that answered (the rules always; the classifier when
/// enabled and it answered in time; the history when the tenant has finished requests with the request's keywords), where
/// <c>v_rules(a)</c> is the strongest rule's confidence, <c>v_classifier(a)</c> the classifier's confidence when it names
/// <c>a</c>, and <c>v_history(a) = (S + 1) / (N + 2) · N / (N + k)</c>: the Laplace-smoothed success rate shrunk by the
/// evidence factor, so a few samples do not dominate (<c>k</c> = <see cref="DecisionOptions.HistorySmoothing"/>). A source
/// that does not name <c>a</c> votes 0 for it. Agent types scoring at least <see cref="DecisionOptions.MinAgentScore"/>
/// are chosen (the best always is); the confidence is the best score, and under <see cref="DecisionOptions.ClarifyBelow"/>
/// the request waits for a clarification.
/// </summary>
public static class DecisionCombiner
{
    /// <summary>The source name of the classifier's votes.</summary>
    public const string ClassifierSource = "classifier";

    /// <summary>The source name of the history's votes.</summary>
    public const string HistorySource = "history";

    /// <summary>The source name of the votes a user's clarification gave.</summary>
    public const string UserSource = "user";

    /// <summary>Combines the sources for <paramref name="text"/>.</summary>
    /// <param name="text">The request text (with a clarification's words, if any).</param>
    /// <param name="classification">The classifier's answer, or <see langword="null"/> when it was off or failed.</param>
    /// <param name="classifierNote">Why there is no classification (off, failed, timed out), for the reasons.</param>
    /// <param name="history">The tenant's record of each agent type on the request's keywords.</param>
    /// <param name="options">The weights and thresholds.</param>
    /// <param name="userAgents">The agent types a clarification chose (empty if none): they decide, at confidence 1.</param>
    /// <param name="mayAsk">Whether a low confidence may ask for a clarification (not after one was answered).</param>
    public static RoutingDecision Combine(
        string text,
        IntentClassification? classification,
        string? classifierNote,
        ImmutableArray<AgentHistory> history,
        DecisionOptions options,
        ImmutableArray<string> userAgents = default,
        bool mayAsk = true)
    {
        var reasons = ImmutableArray.CreateBuilder<string>();
        var votes = ImmutableArray.CreateBuilder<DecisionVote>();
        var weights = ImmutableDictionary.CreateBuilder<string, double>();
        var keywords = DecisionRules.Keywords(text);

        if (!userAgents.IsDefaultOrEmpty)
        {
            votes.AddRange(userAgents.Distinct().Select(a => new DecisionVote { Source = UserSource, Agent = a, Score = 1, Reason = "chosen by the user in a clarification" }));
            reasons.Add($"the user chose {string.Join(", ", userAgents.Distinct())}");
            return new RoutingDecision
            {
                Votes = votes.ToImmutable(),
                Ranking = [.. userAgents.Distinct().Select(a => new AgentScore { Agent = a, Score = 1, Chosen = true })],
                Confidence = 1,
                Reasons = reasons.ToImmutable(),
                Weights = [new SourceWeight { Source = UserSource, Weight = 1 }],
                Keywords = keywords,
            };
        }

        var rules = DecisionRules.Votes(text);
        votes.AddRange(rules);
        weights[DecisionRules.Source] = options.RulesWeight;
        reasons.Add($"rules: {string.Join("; ", rules.Select(v => $"{v.Agent} {Format(v.Score)} ({v.Reason})"))}");

        if (classification is not null)
        {
            votes.AddRange(classification.Agents.Select(a => new DecisionVote { Source = ClassifierSource, Agent = a, Score = classification.Confidence, Reason = classification.Reason }));
            weights[ClassifierSource] = options.ClassifierWeight;
            reasons.Add(classification.Agents.IsEmpty
                ? $"classifier: no agent ({Format(classification.Confidence)}): {classification.Reason}"
                : $"classifier: {string.Join(", ", classification.Agents)} at {Format(classification.Confidence)}: {classification.Reason}");
        }
        else
        {
            reasons.Add($"classifier: {classifierNote ?? "not asked"}; decided with rules and history");
        }

        var sampled = history.IsDefault ? [] : history.Where(h => h.Attempts > 0).ToImmutableArray();
        if (!sampled.IsEmpty)
        {
            weights[HistorySource] = options.HistoryWeight;
            foreach (var h in sampled)
            {
                var rate = (h.Successes + 1.0) / (h.Attempts + 2.0);
                var evidence = h.Attempts / (h.Attempts + options.HistorySmoothing);
                votes.Add(new DecisionVote { Source = HistorySource, Agent = h.Agent, Score = Math.Round(rate * evidence, 4), Reason = $"{h.Successes}/{h.Attempts} succeeded on requests with {string.Join(", ", keywords)}" });
            }

            reasons.Add($"history: {string.Join("; ", sampled.Select(h => $"{h.Agent} {h.Successes}/{h.Attempts}"))}");
        }
        else
        {
            reasons.Add($"history: no finished request with {string.Join(", ", keywords)} yet");
        }

        var totalWeight = weights.Values.Sum();
        var agents = votes.Select(v => v.Agent).Distinct().ToArray();
        var ranking = agents
            .Select(a => (Agent: a, Score: totalWeight <= 0 ? 0 : weights.Sum(w => w.Value * votes.Where(v => v.Source == w.Key && v.Agent == a).Select(v => v.Score).DefaultIfEmpty(0).Max()) / totalWeight))
            .OrderByDescending(s => s.Score).ThenBy(s => Order(s.Agent)).ToArray();
        var top = ranking.Length == 0 ? 0 : ranking[0].Score;
        var chosen = ranking.Where((s, i) => i == 0 || s.Score >= options.MinAgentScore).Select(s => s.Agent).ToHashSet();
        var ask = mayAsk && top < options.ClarifyBelow;
        reasons.Add(ask
            ? $"confidence {Format(top)} is under {Format(options.ClarifyBelow)}: asking the user instead of guessing"
            : $"chosen: {string.Join(", ", ranking.Where(s => chosen.Contains(s.Agent)).Select(s => $"{s.Agent} {Format(s.Score)}"))} (confidence {Format(top)})");

        return new RoutingDecision
        {
            Votes = votes.ToImmutable(),
            Ranking = [.. ranking.Select(s => new AgentScore { Agent = s.Agent, Score = Math.Round(s.Score, 4), Chosen = chosen.Contains(s.Agent) })],
            Confidence = Math.Round(top, 4),
            NeedsClarification = ask,
            Reasons = reasons.ToImmutable(),
            Weights = [.. weights.Select(w => new SourceWeight { Source = w.Key, Weight = totalWeight <= 0 ? 0 : Math.Round(w.Value / totalWeight, 4) })],
            Keywords = keywords,
        };
    }

    /// <summary>The plan order of an agent type, for stable ties.</summary>
    private static int Order(string agent)
    {
        var index = IntentRules.All.IndexOf(IntentRules.All.FirstOrDefault(r => r.Agent == agent) ?? IntentRules.All[^1]);
        return index < 0 ? int.MaxValue : index;
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
