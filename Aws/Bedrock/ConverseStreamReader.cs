using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Bedrock;

/// <summary>
/// Turns the events of a ConverseStream answer into chat updates: text deltas as they come, a tool use as one
/// <see cref="FunctionCallContent"/> once its streamed JSON input is complete, the stop reason and the usage. Exception frames
/// become typed <see cref="ModelCallException"/>s; a corrupted or truncated stream becomes
/// <see cref="ModelErrorKind.MalformedResponse"/>.
/// </summary>
internal static class ConverseStreamReader
{
    /// <summary>Reads the updates of the stream <paramref name="body"/> of a ConverseStream call to <paramref name="model"/>.</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync(Stream body, string model, string? requestId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new EventStreamReader(body);
        var state = new StreamState(model, requestId);
        while (await NextAsync(reader, model, cancellationToken) is { } frame)
        {
            if (state.Apply(frame) is { } update) yield return update;
        }

        if (!state.Stopped) throw BedrockErrors.Malformed(model, "the event stream ended before its messageStop event");
    }

    private static async ValueTask<EventStreamFrame?> NextAsync(EventStreamReader reader, string model, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw BedrockErrors.Malformed(model, $"the event stream is corrupted ({ex.Message})", ex);
        }
        catch (IOException ex)
        {
            throw new ModelCallException(ModelErrorKind.Unavailable, BedrockErrors.Provider, model, $"the event stream broke off ({ex.Message}); the call is retried.", ex);
        }
    }

    private sealed class StreamState(string model, string? requestId)
    {
        private readonly Dictionary<int, (string Id, string Name, StringBuilder Input)> _toolUses = [];

        public bool Stopped { get; private set; }

        public ChatResponseUpdate? Apply(EventStreamFrame frame)
        {
            switch (frame.Header(":message-type") ?? "event")
            {
                case "exception":
                    throw BedrockErrors.Create(model, frame.Header(":exception-type"), MessageOf(frame.Payload));
                case "error":
                    throw BedrockErrors.Create(model, frame.Header(":error-code"), frame.Header(":error-message"));
            }

            try
            {
                using var json = JsonDocument.Parse(frame.Payload);
                return Event(frame.Header(":event-type"), json.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw BedrockErrors.Malformed(model, $"the {frame.Header(":event-type")} event is not the expected JSON ({ex.Message})", ex);
            }
        }

        private ChatResponseUpdate? Event(string? type, JsonElement payload)
        {
            switch (type)
            {
                case "contentBlockStart" when payload.GetProperty("start").TryGetProperty("toolUse", out var toolUse):
                    _toolUses[Index(payload)] = (toolUse.GetProperty("toolUseId").GetString()!, toolUse.GetProperty("name").GetString()!, new StringBuilder());
                    return null;
                case "contentBlockDelta":
                    return Delta(Index(payload), payload.GetProperty("delta"));
                case "contentBlockStop" when _toolUses.Remove(Index(payload), out var finished):
                    return Update(ConverseResponseReader.FunctionCallOf(finished.Id, finished.Name, finished.Input.ToString()));
                case "messageStop":
                    Stopped = true;
                    var stop = Update();
                    stop.FinishReason = ConverseResponseReader.FinishReasonOf(payload.TryGetProperty("stopReason", out var reason) ? reason.GetString() : null);
                    return stop;
                case "metadata" when payload.TryGetProperty("usage", out var usage):
                    return Update(new UsageContent(ConverseResponseReader.UsageOf(usage)));
                default:
                    // messageStart carries only the role; unknown events are skipped so that new ones do not break old clients.
                    return null;
            }
        }

        private ChatResponseUpdate? Delta(int index, JsonElement delta)
        {
            if (delta.TryGetProperty("text", out var text)) return Update(new TextContent(text.GetString()));
            if (delta.TryGetProperty("toolUse", out var toolUse))
            {
                if (!_toolUses.TryGetValue(index, out var pending)) throw BedrockErrors.Malformed(model, $"a toolUse delta for content block {index} came before its contentBlockStart");
                pending.Input.Append(toolUse.GetProperty("input").GetString());
                return null;
            }

            if (delta.TryGetProperty("reasoningContent", out var reasoning) && reasoning.TryGetProperty("text", out var thought))
            {
                return Update(new TextReasoningContent(thought.GetString()));
            }

            return null;
        }

        private ChatResponseUpdate Update(params AIContent[] contents) =>
            new(ChatRole.Assistant, [.. contents]) { ResponseId = requestId, MessageId = requestId, ModelId = model };

        private static int Index(JsonElement payload) => payload.TryGetProperty("contentBlockIndex", out var index) ? index.GetInt32() : 0;

        private static string? MessageOf(ReadOnlyMemory<byte> payload)
        {
            try
            {
                using var json = JsonDocument.Parse(payload);
                return json.RootElement.TryGetProperty("message", out var message) ? message.GetString() : null;
            }
            catch (JsonException)
            {
                return Encoding.UTF8.GetString(payload.Span);
            }
        }
    }
}
