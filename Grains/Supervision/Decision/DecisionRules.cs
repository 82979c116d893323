using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Supervision;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>
/// The rules source: the supervisor's <see cref="IntentRules"/> (design, code, test, security, docs, review) plus refactor and deploy,
/// which have no agent type of their own and are mapped onto <see cref="AgentNames.Code"/>; and the keywords that pick a template.
/// </summary>
public static partial class DecisionRules
{
    /// <summary>The source name of the rules' votes.</summary>
    public const string Source = "rules";

    /// <summary>The rules beyond <see cref="IntentRules.All"/>, with why they map onto an existing agent type.</summary>
    public static ImmutableArray<(IntentRule Rule, string Mapping)> Extra { get; } =
    [
        (new IntentRule("refactor", AgentNames.Code, Refactor()), "there is no refactoring agent type: CodeAgent refactors"),
        (new IntentRule("deploy", AgentNames.Code, Deploy()), "there is no deployment agent type: CodeAgent writes the deployment (and the release template adds tests, an approval and notes)"),
    ];

    /// <summary>Gets the rules' votes for <paramref name="text"/>: per agent type the strongest matching rule (0.8, +0.05 per further keyword, up to 0.95); with no match the fallback vote for CodeAgent at 0.5.</summary>
    public static ImmutableArray<DecisionVote> Votes(string text)
    {
        var intents = IntentAnalyzer.Analyze(text).ToList();
        var matchedAny = intents.Any(i => i.Confidence >= IntentRules.RuleConfidence);
        foreach (var (rule, mapping) in Extra)
        {
            var words = rule.Pattern.Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct().ToArray();
            if (words.Length == 0) continue;
            if (!matchedAny) intents.Clear(); // the fallback applies only when nothing matched
            matchedAny = true;
            intents.Add(new Intent { Name = rule.Intent, Agent = rule.Agent, Confidence = Math.Round(Math.Min(0.95, IntentRules.RuleConfidence + 0.05 * (words.Length - 1)), 2), Evidence = $"{string.Join(", ", words)} ({mapping})" });
        }

        return [.. intents.GroupBy(i => i.Agent).Select(g =>
        {
            var best = g.MaxBy(i => i.Confidence)!;
            return new DecisionVote { Source = Source, Agent = g.Key, Score = best.Confidence, Reason = string.Join("; ", g.Select(i => $"{i.Name}: {i.Evidence}")) };
        })];
    }

    /// <summary>Gets the lower-case keywords of <paramref name="text"/> that any rule matched (the key of the history), sorted; "(none)" when none did.</summary>
    public static ImmutableArray<string> Keywords(string text)
    {
        var words = IntentRules.All.Concat(Extra.Select(e => e.Rule)).SelectMany(r => r.Pattern.Matches(text)).Select(m => m.Value.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        return words.IsEmpty ? ["(none)"] : words;
    }

    /// <summary>Gets the template the request's words ask for (<c>release</c> for deploy/release/ship, <c>bugfix</c> for a bug), or <see langword="null"/>.</summary>
    public static (string Template, string Reason)? TemplateFor(string text)
    {
        if (Release().Match(text) is { Success: true } release) return ("release", $"'{release.Value.ToLowerInvariant()}' asks for a change that ships");
        if (Bug().Match(text) is { Success: true } bug) return ("bugfix", $"'{bug.Value.ToLowerInvariant()}' asks for a bug fix");
        return null;
    }

    [GeneratedRegex(@"\b(refactor\w*|restructur\w*|clean ?up|simplif\w*|rename\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Refactor();

    [GeneratedRegex(@"\b(deploy\w*|release\w*|ship|ships|shipping|rollout|roll out|ci/cd|pipeline\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Deploy();

    [GeneratedRegex(@"\b(deploy\w*|release|ship|ships|shipping|rollout|roll out)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Release();

    [GeneratedRegex(@"\b(bug|bugs|bugfix|regression|crash\w*|broken)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Bug();
}
