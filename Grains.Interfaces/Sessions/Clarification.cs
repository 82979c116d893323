using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Supervision;

namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>A request the decision engine was not sure about: it waits for the user's answer instead of a guess.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.Clarification")]
public sealed record Clarification
{
    /// <summary>Gets the clarification's id, unique in its session.</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets the question for the user.</summary>
    [Id(1)] public string Question { get; init; } = "";

    /// <summary>Gets the agent types the user may choose from (the decision's ranking).</summary>
    [Id(2)] public ImmutableArray<string> Options { get; init; } = [];

    /// <summary>Gets when it was asked.</summary>
    [Id(3)] public DateTimeOffset AskedAt { get; init; }

    /// <summary>Gets when it was answered, or <see langword="null"/> while pending.</summary>
    [Id(4)] public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>Gets the workflow the answered request started, once answered.</summary>
    [Id(5)] public string? WorkflowId { get; init; }

    /// <summary>Gets the decision that was not sure enough (in the submit answer; not kept with the session, whose listing leaves it out).</summary>
    [Id(6)] public RoutingDecision? Decision { get; init; }
}

/// <summary>The user's answer to a <see cref="Clarification"/>: more words, or the agent types to use, or both.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ClarificationAnswer")]
public sealed record ClarificationAnswer
{
    /// <summary>Gets the answer in words (for example "write the tests only"); it is added to the request text for a new decision.</summary>
    [Id(0)] public string? Text { get; init; }

    /// <summary>Gets the agent types the user chose (names from <see cref="Agents.AgentNames"/>); they are voted for at confidence 1.</summary>
    [Id(1)] public ImmutableArray<string> Agents { get; init; } = [];
}
