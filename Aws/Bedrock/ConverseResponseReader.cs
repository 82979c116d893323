using System.Text.Json;
using Microsoft.Extensions.AI;

namespace TDeveloper.Aws.Bedrock;

/// <summary>Reads Converse's JSON answer (and the pieces ConverseStream events share with it) into Microsoft.Extensions.AI types.</summary>
internal static class ConverseResponseReader
{
    /// <summary>Reads a Converse answer.</summary>
    /// <exception cref="Grains.Interfaces.Models.ModelCallException">The answer is not Converse JSON (<see cref="Grains.Interfaces.Models.ModelErrorKind.MalformedResponse"/>).</exception>
    public static ChatResponse Read(string model, byte[] json, string? requestId)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement.Clone();
            if (!root.TryGetProperty("output", out var output) || !output.TryGetProperty("message", out var message) || !message.TryGetProperty("content", out var content))
            {
                throw BedrockErrors.Malformed(model, "the Converse answer has no output.message.content");
            }

            var contents = new List<AIContent>();
            foreach (var block in content.EnumerateArray())
            {
                if (ContentOf(block) is { } item) contents.Add(item);
            }

            var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = requestId })
            {
                ResponseId = requestId,
                ModelId = model,
                FinishReason = root.TryGetProperty("stopReason", out var stop) ? FinishReasonOf(stop.GetString()) : null,
                Usage = root.TryGetProperty("usage", out var usage) ? UsageOf(usage) : null,
                RawRepresentation = root,
            };
            return response;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw BedrockErrors.Malformed(model, $"the Converse answer is not valid JSON of the expected shape ({ex.Message})", ex);
        }
    }

    /// <summary>Maps a Converse stop reason to a finish reason.</summary>
    public static ChatFinishReason? FinishReasonOf(string? stopReason) => stopReason switch
    {
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "content_filtered" or "guardrail_intervened" => ChatFinishReason.ContentFilter,
        null or "" => null,
        var other => new ChatFinishReason(other),
    };

    /// <summary>Maps Converse's <c>usage</c> object.</summary>
    public static UsageDetails UsageOf(JsonElement usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = Count(usage, "inputTokens"),
            OutputTokenCount = Count(usage, "outputTokens"),
            TotalTokenCount = Count(usage, "totalTokens"),
            CachedInputTokenCount = Count(usage, "cacheReadInputTokens"),
        };
        if (Count(usage, "cacheWriteInputTokens") is long written) (details.AdditionalCounts ??= [])["CacheWriteInputTokens"] = written;
        return details;
    }

    /// <summary>Creates the function call of a tool use whose input is the JSON text <paramref name="input"/>.</summary>
    public static FunctionCallContent FunctionCallOf(string toolUseId, string name, string input) =>
        FunctionCallContent.CreateFromParsedArguments(string.IsNullOrWhiteSpace(input) ? "{}" : input, toolUseId, name,
            static json => (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));

    private static AIContent? ContentOf(JsonElement block)
    {
        if (block.TryGetProperty("text", out var text)) return new TextContent(text.GetString()) { RawRepresentation = block };
        if (block.TryGetProperty("toolUse", out var toolUse))
        {
            var input = toolUse.TryGetProperty("input", out var value) ? value.GetRawText() : "{}";
            var call = FunctionCallOf(toolUse.GetProperty("toolUseId").GetString()!, toolUse.GetProperty("name").GetString()!, input);
            call.RawRepresentation = block;
            return call;
        }

        if (block.TryGetProperty("reasoningContent", out var reasoning) && reasoning.TryGetProperty("reasoningText", out var reasoningText))
        {
            return new TextReasoningContent(reasoningText.TryGetProperty("text", out var thought) ? thought.GetString() : null)
            {
                ProtectedData = reasoningText.TryGetProperty("signature", out var signature) ? signature.GetString() : null,
                RawRepresentation = block,
            };
        }

        return null;
    }

    private static long? Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}
