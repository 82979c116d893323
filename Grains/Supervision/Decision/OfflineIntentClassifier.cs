using TDeveloper.Grains.Interfaces.Agents;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>
/// The offline model's deterministic classification, derived from keywords: the agent types the keyword rules name at
/// confidence 0.75 (a keyword-derived guess is a little less sure than the rules themselves), or CodeAgent at 0.5 when no
/// keyword matched (the rules' default too).
/// </summary>
public static class OfflineIntentClassifier
{
    /// <summary>Gets whether a conversation's system prompt asks for a classification.</summary>
    public static bool IsAskedFor(string agentName) => agentName == ModelIntentClassifier.AgentName;

    /// <summary>Classifies <paramref name="requestText"/>.</summary>
    public static IntentClassification Classify(string requestText)
    {
        var votes = DecisionRules.Votes(requestText);
        var matched = votes.Where(v => v.Score >= IntentRules.RuleConfidence).ToArray();
        return matched.Length == 0
            ? new IntentClassification { Agents = [AgentNames.Code], Confidence = 0.5, Reason = "offline classification: no keyword I know; coding is the default" }
            : new IntentClassification
            {
                Agents = [.. matched.Select(v => v.Agent)],
                Confidence = 0.75,
                Reason = $"offline classification from keywords: {string.Join("; ", matched.Select(v => $"{v.Agent} ({v.Reason})"))}",
            };
    }
}
