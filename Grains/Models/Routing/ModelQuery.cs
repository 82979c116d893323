using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Routing;

/// <summary>What the router matches models against: who asks, what the call needs and how large it is.</summary>
/// <param name="Agent">The agent making the call (for specialties).</param>
/// <param name="Capabilities">The capabilities the model must have.</param>
/// <param name="Language">The language of the request (ISO 639-1, a region suffix is ignored), when known.</param>
/// <param name="LatencyBudget">The longest acceptable typical latency, when there is a budget.</param>
/// <param name="TokensNeeded">The tokens the context window must hold: the prompt's estimate plus the output reserve.</param>
public sealed record ModelQuery(string Agent, ModelCapabilities Capabilities, string? Language, TimeSpan? LatencyBudget, long TokensNeeded);
