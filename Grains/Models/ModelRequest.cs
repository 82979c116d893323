using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models;

/// <summary>One model call an agent wants made: the messages, what the model must handle, and where live tokens go.</summary>
public sealed record ModelRequest
{
    /// <summary>Gets the agent making the call (for its chain and specialties).</summary>
    public required string Agent { get; init; }

    /// <summary>Gets the messages, system prompt first.</summary>
    public required IList<ChatMessage> Messages { get; init; }

    /// <summary>Gets what the step needs of its model.</summary>
    public ModelRequirements Requirements { get; init; } = ModelRequirements.None;

    /// <summary>Gets the chat options (tools, response format); the model id is set per attempt.</summary>
    public ChatOptions? Options { get; init; }

    /// <summary>Gets the step attempt's idempotency key, sent with every call so a retried call is recognisable.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets where live text deltas go while the model answers, if anywhere.</summary>
    public Func<string, ValueTask>? OnDelta { get; init; }
}
