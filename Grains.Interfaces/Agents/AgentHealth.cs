using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Agents;

/// <summary>What an agent's activation says of its own health: which activation answers, what it runs and when it last moved.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentHealth")]
public sealed record AgentHealth
{
    /// <summary>Gets the id of the activation that answered: a recreated agent answers with a new one.</summary>
    [Id(0)] public string ActivationId { get; init; } = "";

    /// <summary>Gets when that activation first answered or took a task (about when it started).</summary>
    [Id(1)] public DateTimeOffset ActivatedAt { get; init; }

    /// <summary>Gets the tasks in flight, oldest first.</summary>
    [Id(2)] public ImmutableArray<AgentTaskHealth> Tasks { get; init; } = [];

    /// <summary>Gets when the agent last made progress (a task started, a model delta arrived, a task finished); <see langword="null"/> before its first task.</summary>
    [Id(3)] public DateTimeOffset? LastProgressAt { get; init; }

    /// <summary>Gets the last failure of a task of this activation (or why it was recreated), if any.</summary>
    [Id(4)] public string? LastFailure { get; init; }

    /// <summary>Gets when <see cref="LastFailure"/> happened.</summary>
    [Id(5)] public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>Gets whether the activation is being recreated (it takes no new task and deactivates when idle).</summary>
    [Id(6)] public bool Recreating { get; init; }
}

/// <summary>One task in flight on an agent, as its health reports it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentTaskHealth")]
public sealed record AgentTaskHealth
{
    /// <summary>Gets the task's idempotency key (<see cref="AgentTask.KeyFor"/>, or the compensation key).</summary>
    [Id(0)] public string IdempotencyKey { get; init; } = "";

    /// <summary>Gets the key of the workflow the task belongs to.</summary>
    [Id(1)] public string WorkflowKey { get; init; } = "";

    /// <summary>Gets the step id.</summary>
    [Id(2)] public string StepId { get; init; } = "";

    /// <summary>Gets the attempt number.</summary>
    [Id(3)] public int Attempt { get; init; }

    /// <summary>Gets when the task started on this activation.</summary>
    [Id(4)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the task last made progress (its start, or its model's latest delta).</summary>
    [Id(5)] public DateTimeOffset LastProgressAt { get; init; }

    /// <summary>Gets the step's timeout, as handed to the agent.</summary>
    [Id(6)] public TimeSpan Timeout { get; init; }
}
