using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Bedrock;

/// <summary>
/// Writes the JSON body of a Converse / ConverseStream call from Microsoft.Extensions.AI messages and options: system messages
/// become <c>system</c> blocks; user, tool and assistant messages become <c>messages</c> of text, image, document, toolUse and
/// toolResult blocks (consecutive messages of one role merged, as Converse wants roles to alternate); tools become
/// <c>toolConfig</c>; sampling options become <c>inferenceConfig</c>.
/// </summary>
internal static partial class ConverseRequestBuilder
{
    /// <summary>The key of <see cref="ChatOptions.AdditionalProperties"/> the model invoker puts the step's idempotency key under.</summary>
    public const string IdempotencyKeyProperty = "idempotency_key";

    /// <summary>Builds the body for <paramref name="model"/>.</summary>
    /// <exception cref="ModelCallException">A part of a message is of a kind Converse does not take (<see cref="ModelErrorKind.InvalidRequest"/>).</exception>
    public static JsonObject Build(string model, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var system = new JsonArray();
        if (!string.IsNullOrWhiteSpace(options?.Instructions)) system.Add(new JsonObject { ["text"] = options.Instructions });

        var turns = new List<(string Role, List<JsonNode> Content)>();
        var documents = 0;
        var hasToolBlocks = false;
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                if (!string.IsNullOrWhiteSpace(message.Text)) system.Add(new JsonObject { ["text"] = message.Text });
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            var blocks = new List<JsonNode>();
            foreach (var content in message.Contents)
            {
                if (BlockOf(model, content, ref documents) is not { } block) continue;
                hasToolBlocks |= content is FunctionCallContent or FunctionResultContent;
                blocks.Add(block);
            }

            if (blocks.Count == 0) continue;
            if (turns.Count > 0 && turns[^1].Role == role) turns[^1].Content.AddRange(blocks);
            else turns.Add((role, blocks));
        }

        var body = new JsonObject
        {
            ["messages"] = new JsonArray([.. turns.Select(t => (JsonNode)new JsonObject { ["role"] = t.Role, ["content"] = new JsonArray([.. t.Content]) })]),
        };
        if (system.Count > 0) body["system"] = system;
        if (InferenceConfigOf(options) is { } inference) body["inferenceConfig"] = inference;
        if (ToolConfigOf(options, hasToolBlocks) is { } tools) body["toolConfig"] = tools;
        if (IdempotencyKeyOf(options) is { } key && MetadataValue().IsMatch(key)) body["requestMetadata"] = new JsonObject { [IdempotencyKeyProperty] = key };
        return body;
    }

    /// <summary>Gets the step's idempotency key the model invoker put in the options, if any.</summary>
    public static string? IdempotencyKeyOf(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(IdempotencyKeyProperty, out var value) == true ? value?.ToString() : null;

    private static JsonObject? BlockOf(string model, AIContent content, ref int documents) => content switch
    {
        TextContent { Text: { Length: > 0 } text } when !string.IsNullOrWhiteSpace(text) => new JsonObject { ["text"] = text },
        DataContent data => DataBlock(model, data, ++documents),
        UriContent { Uri.Scheme: "s3" } uri => MediaBlock(model, uri.MediaType, new JsonObject { ["s3Location"] = new JsonObject { ["uri"] = uri.Uri.ToString() } }, null, ++documents),
        UriContent uri => throw new ModelCallException(ModelErrorKind.InvalidRequest, BedrockErrors.Provider, model,
            $"Converse takes images and documents as bytes or s3:// locations, not {uri.Uri.Scheme} links; download the content and send it as data."),
        FunctionCallContent call => new JsonObject
        {
            ["toolUse"] = new JsonObject
            {
                ["toolUseId"] = call.CallId,
                ["name"] = call.Name,
                ["input"] = call.Arguments is null ? new JsonObject() : JsonSerializer.SerializeToNode(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))),
            },
        },
        FunctionResultContent result => ToolResultBlock(result),
        // Reasoning, usage and other informational contents of earlier turns are not sent back.
        _ => null,
    };

    private static JsonObject DataBlock(string model, DataContent data, int ordinal)
    {
        var source = new JsonObject { ["bytes"] = data.Base64Data.ToString() };
        return MediaBlock(model, data.MediaType, source, data.Name, ordinal);
    }

    private static JsonObject MediaBlock(string model, string mediaType, JsonObject source, string? name, int ordinal)
    {
        if (BedrockMediaFormats.ImageFormat(mediaType) is { } image)
        {
            return new JsonObject { ["image"] = new JsonObject { ["format"] = image, ["source"] = source } };
        }

        if (BedrockMediaFormats.DocumentFormat(mediaType) is { } document)
        {
            return new JsonObject { ["document"] = new JsonObject { ["format"] = document, ["name"] = DocumentName(name, ordinal), ["source"] = source } };
        }

        throw new ModelCallException(ModelErrorKind.InvalidRequest, BedrockErrors.Provider, model,
            $"Converse does not take '{mediaType}' content; it takes {BedrockMediaFormats.Supported}.");
    }

    // Converse allows letters, digits, single spaces, hyphens, parentheses and square brackets in a document name.
    private static string DocumentName(string? name, int ordinal)
    {
        var stem = string.IsNullOrWhiteSpace(name) ? "" : Path.GetFileNameWithoutExtension(name);
        var cleaned = Whitespace().Replace(NotAllowedInName().Replace(stem, " "), " ").Trim();
        return cleaned.Length > 0 ? cleaned : $"document-{ordinal}";
    }

    private static JsonObject ToolResultBlock(FunctionResultContent result)
    {
        var toolResult = new JsonObject
        {
            ["toolUseId"] = result.CallId,
            ["content"] = new JsonArray(ToolResultContentOf(result)),
        };
        if (result.Exception is not null) toolResult["status"] = "error";
        return new JsonObject { ["toolResult"] = toolResult };
    }

    private static JsonObject ToolResultContentOf(FunctionResultContent result)
    {
        if (result.Exception is { } error) return new JsonObject { ["text"] = error.Message };
        var node = result.Result switch
        {
            null => null,
            string text => JsonValue.Create(text),
            JsonNode json => json.DeepClone(),
            var other => JsonSerializer.SerializeToNode(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(other.GetType())),
        };
        return node switch
        {
            JsonObject json => new JsonObject { ["json"] = json },
            JsonValue value when value.TryGetValue<string>(out var text) => new JsonObject { ["text"] = text.Length > 0 ? text : "(empty)" },
            null => new JsonObject { ["text"] = "(no result)" },
            _ => new JsonObject { ["text"] = node.ToJsonString() },
        };
    }

    private static JsonObject? InferenceConfigOf(ChatOptions? options)
    {
        if (options is null) return null;
        var config = new JsonObject();
        if (options.MaxOutputTokens is int maxTokens) config["maxTokens"] = maxTokens;
        if (options.Temperature is float temperature) config["temperature"] = temperature;
        if (options.TopP is float topP) config["topP"] = topP;
        if (options.StopSequences is { Count: > 0 } stops) config["stopSequences"] = new JsonArray([.. stops.Select(s => (JsonNode?)s)]);
        return config.Count > 0 ? config : null;
    }

    private static JsonObject? ToolConfigOf(ChatOptions? options, bool hasToolBlocks)
    {
        var functions = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        if (functions.Count == 0) return null;
        // Converse has no "none" choice; tools are left out instead, unless the conversation already holds tool blocks, which
        // Converse accepts only with a toolConfig.
        if (options!.ToolMode is NoneChatToolMode && !hasToolBlocks) return null;

        var config = new JsonObject
        {
            ["tools"] = new JsonArray([.. functions.Select(f => (JsonNode)new JsonObject
            {
                ["toolSpec"] = new JsonObject
                {
                    ["name"] = f.Name,
                    ["description"] = string.IsNullOrWhiteSpace(f.Description) ? f.Name : f.Description,
                    ["inputSchema"] = new JsonObject { ["json"] = JsonNode.Parse(f.JsonSchema.GetRawText()) },
                },
            })]),
        };
        var choice = options.ToolMode switch
        {
            RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject { ["tool"] = new JsonObject { ["name"] = name } },
            RequiredChatToolMode => new JsonObject { ["any"] = new JsonObject() },
            AutoChatToolMode => new JsonObject { ["auto"] = new JsonObject() },
            _ => null,
        };
        if (choice is not null) config["toolChoice"] = choice;
        return config;
    }

    // The characters Converse allows in requestMetadata values.
    [GeneratedRegex(@"^[a-zA-Z0-9\s:_@$#=/+,.-]{1,256}$")]
    private static partial Regex MetadataValue();

    [GeneratedRegex(@"[^a-zA-Z0-9\s\-\(\)\[\]]")]
    private static partial Regex NotAllowedInName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
