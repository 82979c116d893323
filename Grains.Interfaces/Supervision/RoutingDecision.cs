using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Supervision;

/// <summary>
/// How the decision engine chose the agents of a request: each source's votes, each agent type's combined score, the
/// chosen template, the final confidence and the reasons, so the plan says why it is what it is.
/// </summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RoutingDecision")]
public sealed record RoutingDecision
{
    /// <summary>Gets every source's votes: <c>rules</c>, <c>classifier</c>, <c>history</c> and, after a clarification, <c>user</c>.</summary>
    [Id(0)] public ImmutableArray<DecisionVote> Votes { get; init; } = [];

    /// <summary>Gets every agent type any source named, best combined score first, with whether it was chosen.</summary>
    [Id(1)] public ImmutableArray<AgentScore> Ranking { get; init; } = [];

    /// <summary>Gets the template chosen from the intent, or <see langword="null"/> when the plan is built from the chosen agents.</summary>
    [Id(2)] public string? Template { get; init; }

    /// <summary>Gets the final confidence: the best combined score (0–1).</summary>
    [Id(3)] public double Confidence { get; init; }

    /// <summary>Gets whether the confidence is under the threshold, so the request waits for a clarification instead of a guess.</summary>
    [Id(4)] public bool NeedsClarification { get; init; }

    /// <summary>Gets the reasons, in the order they were found: what each source said, fallbacks, and the outcome.</summary>
    [Id(5)] public ImmutableArray<string> Reasons { get; init; } = [];

    /// <summary>Gets the weights that were used, per source that answered (renormalised over the sources that answered).</summary>
    [Id(6)] public ImmutableArray<SourceWeight> Weights { get; init; } = [];

    /// <summary>Gets the request's keywords the history is kept under.</summary>
    [Id(7)] public ImmutableArray<string> Keywords { get; init; } = [];
}

/// <summary>One source's vote for one agent type.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.DecisionVote")]
public sealed record DecisionVote
{
    /// <summary>Gets the source: <c>rules</c>, <c>classifier</c>, <c>history</c> or <c>user</c>.</summary>
    [Id(0)] public string Source { get; init; } = "";

    /// <summary>Gets the agent type voted for.</summary>
    [Id(1)] public string Agent { get; init; } = "";

    /// <summary>Gets the vote's strength (0–1).</summary>
    [Id(2)] public double Score { get; init; }

    /// <summary>Gets why the source voted so (the matched keywords, the classifier's reason, the history's counts).</summary>
    [Id(3)] public string Reason { get; init; } = "";
}

/// <summary>One agent type's combined score.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentScore")]
public sealed record AgentScore
{
    /// <summary>Gets the agent type.</summary>
    [Id(0)] public string Agent { get; init; } = "";

    /// <summary>Gets the combined score (0–1).</summary>
    [Id(1)] public double Score { get; init; }

    /// <summary>Gets whether the agent type is in the plan.</summary>
    [Id(2)] public bool Chosen { get; init; }
}

/// <summary>The weight one source had in a decision (renormalised over the sources that answered).</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SourceWeight")]
public sealed record SourceWeight
{
    /// <summary>Gets the source.</summary>
    [Id(0)] public string Source { get; init; } = "";

    /// <summary>Gets its weight (0–1; the weights of a decision sum to 1).</summary>
    [Id(1)] public double Weight { get; init; }
}
