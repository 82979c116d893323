using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using TDeveloper.Grains.Interfaces.Agents;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>The classifier's structured answer: the agent types a request needs, how sure it is, and why.</summary>
public sealed record IntentClassification
{
    /// <summary>Gets the agent types (names from <see cref="AgentNames"/>).</summary>
    [JsonPropertyName("agents")] public ImmutableArray<string> Agents { get; init; } = [];

    /// <summary>Gets the classifier's confidence (0–1).</summary>
    [JsonPropertyName("confidence")] public double Confidence { get; init; }

    /// <summary>Gets the classifier's reason.</summary>
    [JsonPropertyName("reason")] public string Reason { get; init; } = "";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Gets the classification as the JSON the classifier answers with.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Reads a classifier's answer: the first JSON object in <paramref name="text"/> (a model may wrap it in prose or a code fence).
    /// Unknown agent types are dropped, the confidence is clamped to 0–1.
    /// </summary>
    /// <exception cref="FormatException">The text holds no such JSON object.</exception>
    public static IntentClassification Parse(string text)
    {
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end < start) throw new FormatException("the classifier's answer holds no JSON object");
        IntentClassification? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<IntentClassification>(text[start..(end + 1)], Json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the classifier's answer is not the expected JSON ({ex.Message})", ex);
        }

        if (parsed is null || parsed.Agents.IsDefault) throw new FormatException("the classifier's answer names no agents");
        return parsed with
        {
            Agents = [.. parsed.Agents.Where(a => AgentNames.All.Contains(a)).Distinct()],
            Confidence = double.IsFinite(parsed.Confidence) ? Math.Clamp(parsed.Confidence, 0, 1) : 0,
        };
    }
}

/// <summary>Classifies a request's intent (the decision engine's second source).</summary>
public interface IIntentClassifier
{
    /// <summary>Classifies <paramref name="requestText"/>.</summary>
    /// <exception cref="Exception">Any failure; the engine then decides with rules and history and says why.</exception>
    Task<IntentClassification> ClassifyAsync(string requestText, CancellationToken cancellationToken);
}
