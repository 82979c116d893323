using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Interfaces.Agents;

/// <summary>One attempt of a workflow step, handed to an agent.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentTask")]
public sealed record AgentTask
{
    /// <summary>Gets the key that makes the attempt's effect happen once: <c>{workflowKey}/{stepId}/{attempt}</c>.</summary>
    [Id(0)] public string IdempotencyKey { get; init; } = "";

    /// <summary>Gets the key of the workflow to report the result to.</summary>
    [Id(1)] public string WorkflowKey { get; init; } = "";

    /// <summary>Gets the step id.</summary>
    [Id(2)] public string StepId { get; init; } = "";

    /// <summary>Gets the attempt number, from 1.</summary>
    [Id(3)] public int Attempt { get; init; }

    /// <summary>Gets what the agent is asked to do.</summary>
    [Id(4)] public string Instruction { get; init; } = "";

    /// <summary>Gets the outputs of the steps this one depends on, as context for the model.</summary>
    [Id(5)] public string Context { get; init; } = "";

    /// <summary>Gets how long the attempt may take before it is abandoned.</summary>
    [Id(6)] public TimeSpan Timeout { get; init; }

    /// <summary>Gets whether the task undoes the step (its compensation) rather than doing it.</summary>
    [Id(7)] public bool Compensation { get; init; }

    /// <summary>Gets what the step needs of its model (capabilities, pinned models, language).</summary>
    [Id(8)] public ModelRequirements Requirements { get; init; } = ModelRequirements.None;

    /// <summary>Gets the request's images, audio and documents, sent to the model with the instruction.</summary>
    [Id(9)] public System.Collections.Immutable.ImmutableArray<Sessions.RequestPart> Attachments { get; init; } = [];

    /// <summary>Creates the idempotency key of an attempt.</summary>
    public static string KeyFor(string workflowKey, string stepId, int attempt) => $"{workflowKey}/{stepId}/{attempt}";
}
