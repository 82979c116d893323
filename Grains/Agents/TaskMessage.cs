using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Input;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Agents;

/// <summary>
/// Builds the user message that hands a task to a model: its prompt as one <see cref="TextContent"/> per chunk of at
/// most <see cref="TextChunker.DefaultMaxTokens"/> estimated tokens, then one <see cref="DataContent"/> per attachment.
/// </summary>
/// <remarks>
/// One message with several parts rather than several messages: the model reads the chunks as one turn, in order, and
/// the conversation's user/assistant alternation stays intact for providers that require it (Anthropic, Bedrock).
/// </remarks>
public static class TaskMessage
{
    /// <summary>Gets the user message for <paramref name="prompt"/> and <paramref name="attachments"/>.</summary>
    public static ChatMessage For(string prompt, ImmutableArray<RequestPart> attachments)
    {
        var contents = new List<AIContent>();
        var chunks = TextChunker.Chunk(prompt);
        contents.AddRange(chunks.Count == 0 ? [new TextContent(prompt)] : chunks.Select(chunk => new TextContent(chunk)));
        if (!attachments.IsDefault)
        {
            foreach (var attachment in attachments.Where(a => a.Data is { Length: > 0 }))
                contents.Add(new DataContent(attachment.Data, RequestPartLimits.MediaTypeOf(attachment.ContentType)) { Name = attachment.Name });
        }

        return new ChatMessage(ChatRole.User, contents);
    }
}
