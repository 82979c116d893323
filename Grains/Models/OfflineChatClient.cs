using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Grains.Models;

/// <summary>
/// A deterministic <see cref="IChatClient"/> for the default run and for tests: it needs no key
/// and no network, and labels every answer "[offline model]". It reads its role from the system
/// prompt ("You are CodeAgent …") and its task from the last user message. Offered the workspace tools, an agent that
/// produces a file (<see cref="OfflineAnswers.FileFor"/>) first calls <c>write_file</c>, then answers naming the file.
/// </summary>
public sealed partial class OfflineChatClient(IOptions<OfflineModelOptions> options, TimeProvider time) : IChatClient
{
    /// <summary>The model id the offline model reports.</summary>
    public const string ModelId = "offline-deterministic-1";

    /// <summary>The call id of the offline model's one write, so its result is recognised in the conversation.</summary>
    public const string WriteCallId = "offline-write-1";

    private static readonly ChatClientMetadata Metadata = new("offline", null, ModelId);

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        if (options.Value.Latency > TimeSpan.Zero) await Task.Delay(options.Value.Latency, time, cancellationToken);
        return Respond(messages as IReadOnlyList<ChatMessage> ?? [.. messages], chatOptions);
    }

    /// <inheritdoc/>
    /// <remarks>Text comes line by line, the latency spread over the lines, so watchers see a step's output grow as with a real model.</remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = Respond(messages as IReadOnlyList<ChatMessage> ?? [.. messages], chatOptions);
        var updates = response.ToChatResponseUpdates();
        var textOnly = response.Messages.SelectMany(m => m.Contents).All(c => c is TextContent);
        if (!textOnly || options.Value.Latency <= TimeSpan.Zero)
        {
            if (options.Value.Latency > TimeSpan.Zero) await Task.Delay(options.Value.Latency, time, cancellationToken);
            foreach (var update in updates) yield return update;
            yield break;
        }

        var lines = response.Text.Split('\n');
        var pause = options.Value.Latency / lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            await Task.Delay(pause, time, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, i < lines.Length - 1 ? lines[i] + "\n" : lines[i]) { ModelId = ModelId, MessageId = response.Messages[0].MessageId };
        }

        // The last update carries what the whole response carries besides its text.
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, ModelId = ModelId, FinishReason = response.FinishReason, Contents = [new UsageContent(response.Usage!)] };
    }

    private static ChatResponse Respond(IReadOnlyList<ChatMessage> list, ChatOptions? chatOptions)
    {
        var agent = list.Where(m => m.Role == ChatRole.System).Select(m => AgentName().Match(m.Text)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "Assistant";
        var task = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        if (Supervision.Decision.OfflineIntentClassifier.IsAskedFor(agent)) return TextResponse(list, Supervision.Decision.OfflineIntentClassifier.Classify(task).ToJson());
        var file = Offers(chatOptions, WorkspaceTools.WriteFileName) ? OfflineAnswers.FileFor(agent, task) : null;
        var written = list.Skip(LastIndexOf(list, ChatRole.User) + 1).SelectMany(m => m.Contents).OfType<FunctionResultContent>().FirstOrDefault(r => r.CallId == WriteCallId);
        if (file is not null && written is null) return WriteCall(file);

        var answer = file is null ? OfflineAnswers.For(agent, task) : OfflineAnswers.AfterWrite(agent, task, file, TextOf(written!.Result));
        return TextResponse(list, answer);
    }

    private static ChatResponse TextResponse(IReadOnlyList<ChatMessage> list, string answer)
    {
        var inputTokens = list.Sum(m => m.Text.Length) / 4;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = answer.Length / 4, TotalTokenCount = inputTokens + answer.Length / 4 },
        };
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null : serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc/>
    public void Dispose() { }

    private static int LastIndexOf(IReadOnlyList<ChatMessage> messages, ChatRole role)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == role) return i;
        }

        return -1;
    }

    private static bool Offers(ChatOptions? options, string toolName) => options?.Tools?.Any(t => t.Name == toolName) == true;

    private static ChatResponse WriteCall(OfflineFile file) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(WriteCallId, WorkspaceTools.WriteFileName, new Dictionary<string, object?> { ["path"] = file.Path, ["content"] = file.Content })]))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = 0, OutputTokenCount = file.Content.Length / 4, TotalTokenCount = file.Content.Length / 4 },
        };

    private static string? TextOf(object? result) => result is JsonElement { ValueKind: JsonValueKind.String } text ? text.GetString() : result?.ToString();

    [GeneratedRegex(@"You are (\w+)")]
    private static partial Regex AgentName();
}
