using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.AI;

namespace TDeveloper.Cluster.Tests;

/// <summary>
/// A model with scripted faults, in front of the offline model: a task containing "[flaky]" is
/// answered "429 Too Many Requests" the first time, one containing "[fail]" always fails with a
/// non-retryable error. It counts the calls per task that start a turn (a call that carries a tool's result back
/// continues the same turn and is not counted), and records their system prompts, which carry the agent's memory.
/// </summary>
public sealed class ScriptedChatClient(IChatClient inner) : AnswerOnceChatClient(inner)
{
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentQueue<(string Task, string System)> _systemPrompts = new();

    public int CallsFor(string taskPrefix) => _calls.Where(c => c.Key.StartsWith(taskPrefix, StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>Gets the system prompt of each call that started a turn of a task beginning with <paramref name="taskPrefix"/>, in call order.</summary>
    public IReadOnlyList<string> SystemPromptsFor(string taskPrefix) => [.. _systemPrompts.Where(p => p.Task.StartsWith(taskPrefix, StringComparison.Ordinal)).Select(p => p.System)];

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var task = list.Last(m => m.Role == ChatRole.User).Text;
        if (!StartsTurn(list)) return base.GetResponseAsync(list, options, cancellationToken);
        var call = _calls.AddOrUpdate(task, 1, (_, n) => n + 1);
        _systemPrompts.Enqueue((task, string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text))));
        if (task.Contains("[fail]")) return Task.FromException<ChatResponse>(new InvalidOperationException("scripted failure"));
        if (task.Contains("[flaky]") && call == 1) return Task.FromException<ChatResponse>(new HttpRequestException("rate limited", null, HttpStatusCode.TooManyRequests));
        return base.GetResponseAsync(list, options, cancellationToken);
    }
}
