using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Bedrock;

/// <summary>
/// An <see cref="IChatClient"/> over Amazon Bedrock Runtime's Converse (<c>POST /model/{modelId}/converse</c>) and ConverseStream
/// (<c>POST /model/{modelId}/converse-stream</c>), signed with SigV4 by AWSSDK.Core. System prompts, images, documents, tools
/// and usage are mapped to and from Microsoft.Extensions.AI; Bedrock's errors become <see cref="ModelCallException"/>s.
/// </summary>
/// <remarks>
/// Hand-written over HTTP because AWSSDK.BedrockRuntime is not served here, and the served Anthropic.Bedrock covers only
/// Anthropic's models through InvokeModel, while Converse is one request shape for every model Bedrock hosts (Claude, Llama,
/// Mistral, Nova, Titan …). The step's idempotency key (<c>ChatOptions.AdditionalProperties["idempotency_key"]</c>) is sent
/// in the <c>x-tdeveloper-idempotency-key</c> header and as <c>requestMetadata.idempotency_key</c>, which Bedrock's
/// invocation logs record, so a retried call is recognisable.
/// </remarks>
public sealed class BedrockChatClient : IChatClient
{
    private readonly BedrockConnection _connection;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates a client of the model, region, endpoint and credentials in <paramref name="options"/>.</summary>
    public BedrockChatClient(BedrockClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId);
        _connection = new BedrockConnection(options);
        _metadata = new ChatClientMetadata("aws.bedrock", _connection.KnownEndpoint, options.ModelId);
    }

    /// <inheritdoc/>
    /// <exception cref="ModelCallException">Bedrock refused or failed the call, or its answer could not be read.</exception>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = ModelOf(options);
        var body = ConverseRequestBuilder.Build(model, messages, options);
        using var response = await _connection.PostAsync(model, "converse", body, ConverseRequestBuilder.IdempotencyKeyOf(options), stream: false, cancellationToken);
        var json = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return ConverseResponseReader.Read(model, json, RequestIdOf(response));
    }

    /// <inheritdoc/>
    /// <exception cref="ModelCallException">Bedrock refused or failed the call, sent an exception frame, or the stream was corrupted or cut short.</exception>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = ModelOf(options);
        var body = ConverseRequestBuilder.Build(model, messages, options);
        using var response = await _connection.PostAsync(model, "converse-stream", body, ConverseRequestBuilder.IdempotencyKeyOf(options), stream: true, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var update in ConverseStreamReader.ReadAsync(stream, model, RequestIdOf(response), cancellationToken))
        {
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private string ModelOf(ChatOptions? options) => string.IsNullOrWhiteSpace(options?.ModelId) ? _connection.DefaultModelId : options.ModelId;

    internal static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var values) ? values.FirstOrDefault() : null;
}
