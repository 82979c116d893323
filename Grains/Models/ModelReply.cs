using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models;

/// <summary>The answer to a <see cref="ModelRequest"/>: the response, which model gave it and why, and what it cost.</summary>
public sealed record ModelReply(ChatResponse Response, ModelDecision Decision, ModelUsage Usage);
