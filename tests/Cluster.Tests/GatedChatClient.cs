using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace TDeveloper.Cluster.Tests;

/// <summary>
/// A model whose answers wait for the test, in front of the offline model: a call that matches a
/// <see cref="Gate"/> from <see cref="Hold"/> blocks until the test opens it, so the test knows exactly
/// which work is in flight when it acts. Calls that match no gate are answered at once.
/// </summary>
public sealed partial class GatedChatClient(IChatClient inner) : AnswerOnceChatClient(inner)
{
    private readonly ConcurrentQueue<Gate> _gates = new();

    /// <summary>Holds the calls of <paramref name="agent"/> whose task contains <paramref name="taskContains"/> (any task when null).</summary>
    public Gate Hold(string agent, string? taskContains = null)
    {
        var gate = new Gate(agent, taskContains);
        _gates.Enqueue(gate);
        return gate;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var agent = list.Where(m => m.Role == ChatRole.System).Select(m => AgentName().Match(m.Text)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        var task = list.Last(m => m.Role == ChatRole.User).Text;
        if (_gates.FirstOrDefault(g => g.Matches(agent, task)) is { } gate) await gate.PassAsync(cancellationToken);
        return await base.GetResponseAsync(list, options, cancellationToken);
    }

    [GeneratedRegex(@"You are (\w+)")]
    private static partial Regex AgentName();

    /// <summary>A gate some model calls wait at.</summary>
    public sealed class Gate(string agent, string? taskContains)
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Gets a task that completes when the first call reaches the gate: that work is in flight.</summary>
        public Task Entered => _entered.Task;

        /// <summary>Lets every waiting and later call through.</summary>
        public void Open() => _opened.TrySetResult();

        internal bool Matches(string? callAgent, string task) => callAgent == agent && (taskContains is null || task.Contains(taskContains, StringComparison.Ordinal));

        internal Task PassAsync(CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            return _opened.Task.WaitAsync(cancellationToken);
        }
    }
}
