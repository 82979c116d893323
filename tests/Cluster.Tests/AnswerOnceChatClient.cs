using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace TDeveloper.Cluster.Tests;

/// <summary>
/// A test model that decides in <see cref="DelegatingChatClient.GetResponseAsync"/> alone: a streaming call is answered by
/// that method too, so a script, gate or recording holds whichever way an agent calls (agents stream to show live output).
/// </summary>
public abstract class AnswerOnceChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <summary>Gets whether a call starts a turn (its last message is the user's), rather than carrying a tool's result back within one.</summary>
    protected static bool StartsTurn(IReadOnlyList<ChatMessage> messages) => messages[^1].Role == ChatRole.User;

    /// <inheritdoc/>
    public sealed override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates()) yield return update;
    }
}
