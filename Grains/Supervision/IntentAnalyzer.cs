using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Supervision;

namespace TDeveloper.Grains.Supervision;

/// <summary>Finds the intents of a request with the keyword rules of <see cref="IntentRules"/>.</summary>
public static class IntentAnalyzer
{
    /// <summary>The confidence given to the fallback intent when no rule matches.</summary>
    public const double FallbackConfidence = 0.5;

    /// <summary>Gets the intents of <paramref name="requestText"/>, in rule order; a request no rule matches gets the "code" intent at low confidence.</summary>
    public static ImmutableArray<Intent> Analyze(string requestText)
    {
        var intents = ImmutableArray.CreateBuilder<Intent>();
        foreach (var rule in IntentRules.All)
        {
            var matches = rule.Pattern.Matches(requestText);
            if (matches.Count == 0) continue;
            var words = matches.Select(m => m.Value.ToLowerInvariant()).Distinct().ToArray();
            intents.Add(new Intent
            {
                Name = rule.Intent,
                Agent = rule.Agent,
                Confidence = Math.Round(Math.Min(0.95, IntentRules.RuleConfidence + 0.05 * (words.Length - 1)), 2),
                Evidence = string.Join(", ", words),
            });
        }

        if (intents.Count == 0)
        {
            intents.Add(new Intent { Name = "code", Agent = AgentNames.Code, Confidence = FallbackConfidence, Evidence = "no rule matched; coding is the default" });
        }

        return intents.ToImmutable();
    }
}
