using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace TDeveloper.Grains.Models;

/// <summary>
/// A deterministic <see cref="IChatClient"/> for the default run and for tests: it needs no key
/// and no network, and labels every answer "[offline model]". It reads its role from the system
/// prompt ("You are CodeAgent …") and its task from the last user message.
/// </summary>
public sealed partial class OfflineChatClient(IOptions<OfflineModelOptions> options, TimeProvider time) : IChatClient
{
    /// <summary>The model id the offline model reports.</summary>
    public const string ModelId = "offline-deterministic-1";

    private static readonly ChatClientMetadata Metadata = new("offline", null, ModelId);

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (options.Value.Latency > TimeSpan.Zero) await Task.Delay(options.Value.Latency, time, cancellationToken);

        var agent = list.Where(m => m.Role == ChatRole.System).Select(m => AgentName().Match(m.Text)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "Assistant";
        var task = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var answer = OfflineAnswers.For(agent, task);
        var inputTokens = list.Sum(m => m.Text.Length) / 4;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = answer.Length / 4, TotalTokenCount = inputTokens + answer.Length / 4 },
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, chatOptions, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null : serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc/>
    public void Dispose() { }

    [GeneratedRegex(@"You are (\w+)")]
    private static partial Regex AgentName();
}
