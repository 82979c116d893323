using System.Collections.Immutable;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>One agent type's record on requests with one keyword: how many it served and how many of those succeeded.</summary>
[GenerateSerializer, Alias("TDeveloper.AgentTally")]
public sealed class AgentTally
{
    /// <summary>Gets or sets the finished requests (completed or failed) the agent type served.</summary>
    [Id(0)] public int Attempts { get; set; }

    /// <summary>Gets or sets those that completed.</summary>
    [Id(1)] public int Successes { get; set; }
}

/// <summary>An agent type's record on requests with a request's keywords (see <see cref="DecisionHistory.Lookup"/>).</summary>
/// <param name="Agent">The agent type.</param>
/// <param name="Successes">The successes.</param>
/// <param name="Attempts">The attempts.</param>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentHistory")]
public sealed record AgentHistory([property: Id(0)] string Agent, [property: Id(1)] int Successes, [property: Id(2)] int Attempts);

/// <summary>The persisted state of a tenant's <see cref="IDecisionHistoryGrain"/>.</summary>
[GenerateSerializer, Alias("TDeveloper.DecisionHistoryState")]
public sealed class DecisionHistoryState
{
    /// <summary>Gets or sets the tallies per keyword, then per agent type.</summary>
    [Id(0)] public Dictionary<string, Dictionary<string, AgentTally>> Keywords { get; set; } = [];
}

/// <summary>
/// The history source's statistic, per (keyword, agent type): successes / attempts of finished requests. Bounded: past
/// <see cref="MaxKeywords"/> keywords the one with the fewest attempts is forgotten.
/// </summary>
public static class DecisionHistory
{
    /// <summary>The most keywords kept per tenant.</summary>
    public const int MaxKeywords = 500;

    /// <summary>
    /// Gets each agent type's record on requests similar to one with <paramref name="keywords"/>: of the keywords with a record
    /// for the agent type, the one with the most attempts (one request counts once, however many of its keywords match).
    /// </summary>
    public static ImmutableArray<AgentHistory> Lookup(DecisionHistoryState state, IEnumerable<string> keywords) =>
        [.. keywords.Distinct().Where(state.Keywords.ContainsKey).SelectMany(k => state.Keywords[k])
            .GroupBy(p => p.Key, p => p.Value)
            .Select(g => g.OrderByDescending(t => t.Attempts).ThenByDescending(t => t.Successes).First() is var best ? new AgentHistory(g.Key, best.Successes, best.Attempts) : null!)
            .OrderBy(h => h.Agent, StringComparer.Ordinal)];

    /// <summary>Records that a request with <paramref name="keywords"/>, served by <paramref name="agents"/>, finished (succeeded or not).</summary>
    public static void Record(DecisionHistoryState state, IEnumerable<string> keywords, IEnumerable<string> agents, bool succeeded)
    {
        var agentList = agents.Distinct().ToArray();
        foreach (var keyword in keywords.Distinct())
        {
            if (!state.Keywords.TryGetValue(keyword, out var perAgent))
            {
                if (state.Keywords.Count >= MaxKeywords)
                    state.Keywords.Remove(state.Keywords.MinBy(k => k.Value.Values.Sum(t => t.Attempts)).Key);
                state.Keywords[keyword] = perAgent = [];
            }

            foreach (var agent in agentList)
            {
                if (!perAgent.TryGetValue(agent, out var tally)) perAgent[agent] = tally = new AgentTally();
                tally.Attempts++;
                if (succeeded) tally.Successes++;
            }
        }
    }
}
