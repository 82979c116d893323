using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.AI;

namespace TDeveloper.Cluster.Tests;

/// <summary>A model that answers "429 Too Many Requests" the first time it sees each task, then delegates.</summary>
public sealed class FlakyChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public int CallsFor(string taskPrefix) => _calls.Where(c => c.Key.StartsWith(taskPrefix, StringComparison.Ordinal)).Sum(c => c.Value);

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var task = list.Last(m => m.Role == ChatRole.User).Text;
        return _calls.AddOrUpdate(task, 1, (_, n) => n + 1) == 1
            ? Task.FromException<ChatResponse>(new HttpRequestException("rate limited", null, HttpStatusCode.TooManyRequests))
            : base.GetResponseAsync(list, options, cancellationToken);
    }
}
