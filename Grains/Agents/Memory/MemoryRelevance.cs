using System.Collections.Frozen;

namespace TDeveloper.Grains.Agents.Memory;

/// <summary>
/// Scores how relevant a memory item is: <c>2 × match + importance + recency</c>, where importance weighs 0 (normal), 0.5 (high)
/// or 1 (critical), and recency is <c>2^(−time since last access ÷ half-life)</c> (1 just now, 0.5 one half-life ago). The match
/// is the keyword overlap, the share of the task's keywords the item contains (0–1); when both the task and the item have an
/// embedding it is <c>(1 − w) × overlap + w × similarity</c>, with <c>w</c> the vector weight and the similarity the cosine
/// rescaled above a floor: <c>max(0, (cos − floor) ÷ (1 − floor))</c> (0–1). Without a task the match is 0: that task-free
/// score is what the context manager drops and the garbage collector collects by.
/// </summary>
public static class MemoryRelevance
{
    /// <summary>The weight of keyword overlap with the task, which dominates the other two terms.</summary>
    public const double OverlapWeight = 2.0;

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "the", "and", "for", "with", "that", "this", "from", "into", "are", "was", "were", "has", "have", "not", "but",
        "you", "your", "our", "its", "their", "then", "than", "all", "any", "can", "will", "should", "would", "each",
        "add", "use", "make", "work", "done", "far",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Gets the keywords of <paramref name="text"/>: lower-cased words of three or more letters or digits, common words left out.</summary>
    public static HashSet<string> Keywords(string? text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text)) return words;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            if (inWord || start < 0) continue;
            if (i - start >= 3)
            {
                var word = text[start..i].ToLowerInvariant();
                if (!StopWords.Contains(word)) words.Add(word);
            }

            start = -1;
        }

        return words;
    }

    /// <summary>Gets the share of <paramref name="task"/>'s keywords found in <paramref name="item"/>'s (0 when the task has none).</summary>
    public static double Overlap(IReadOnlySet<string> task, IReadOnlySet<string> item)
    {
        if (task.Count == 0) return 0;
        var shared = 0;
        foreach (var word in task) if (item.Contains(word)) shared++;
        return (double)shared / task.Count;
    }

    /// <summary>Gets the weight of <paramref name="importance"/>: 0, 0.5 or 1.</summary>
    public static double WeightOf(MemoryImportance importance) => importance switch
    {
        MemoryImportance.Critical => 1.0,
        MemoryImportance.High => 0.5,
        _ => 0.0,
    };

    /// <summary>Gets the recency of an item last accessed at <paramref name="lastAccess"/>: 1 now, halving every <paramref name="halfLife"/>.</summary>
    public static double Recency(DateTimeOffset lastAccess, DateTimeOffset now, TimeSpan halfLife) =>
        Math.Pow(2, -Math.Max(0, (now - lastAccess).TotalSeconds) / halfLife.TotalSeconds);

    /// <summary>Gets the relevance of <paramref name="item"/> (with keywords <paramref name="itemKeywords"/>) to a task with keywords <paramref name="taskKeywords"/>.</summary>
    public static double Score(MemoryItem item, IReadOnlySet<string> itemKeywords, IReadOnlySet<string> taskKeywords, DateTimeOffset now, TimeSpan halfLife) =>
        Score(item, Overlap(taskKeywords, itemKeywords), null, now, halfLife);

    /// <summary>Gets the relevance of <paramref name="item"/> from its match with the task (<see cref="Match"/>), importance and recency.</summary>
    public static double Score(MemoryItem item, double overlap, double? similarity, DateTimeOffset now, TimeSpan halfLife, double vectorWeight = 0) =>
        OverlapWeight * Match(overlap, similarity, vectorWeight) + WeightOf(item.Importance) + Recency(item.LastAccessedAt, now, halfLife);

    /// <summary>
    /// Gets how well an item matches a task: the keyword <paramref name="overlap"/> alone without a <paramref name="similarity"/>,
    /// else <c>(1 − <paramref name="vectorWeight"/>) × overlap + vectorWeight × similarity</c>.
    /// </summary>
    public static double Match(double overlap, double? similarity, double vectorWeight) =>
        similarity is { } s ? (1 - vectorWeight) * overlap + vectorWeight * s : overlap;

    /// <summary>Gets a cosine rescaled above <paramref name="floor"/>: 0 at or below it, 1 for the same direction.</summary>
    public static double Similarity(double cosine, double floor) =>
        floor >= 1 ? 0 : Math.Clamp((cosine - floor) / (1 - floor), 0, 1);
}
