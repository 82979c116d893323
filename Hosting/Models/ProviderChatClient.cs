using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>
/// Wraps a provider SDK's chat client: opens a <see cref="ModelCallScope"/> per call so the step attempt's idempotency key
/// reaches the HTTP request as a header (and is not sent as a body parameter, which OpenAI would refuse), and turns the
/// SDK's exceptions into <see cref="ModelCallException"/>s with the status and Retry-After of the failed response.
/// </summary>
/// <param name="inner">The SDK's client.</param>
/// <param name="entry">The catalog entry the client calls.</param>
/// <param name="kindOf">The provider's own reading of an error without an HTTP status (e.g. an error event mid-stream), or null.</param>
internal sealed class ProviderChatClient(IChatClient inner, ModelCatalogEntry entry, Func<Exception, ModelErrorKind?>? kindOf = null) : DelegatingChatClient(inner)
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key the invoker puts the step attempt's idempotency key under.</summary>
    public const string IdempotencyKeyProperty = "idempotency_key";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (scope, sent) = Begin(options);
        try
        {
            return await base.GetResponseAsync(messages, sent, cancellationToken);
        }
        catch (Exception ex) when (ex is not ModelCallException && !cancellationToken.IsCancellationRequested)
        {
            throw Classify(ex, scope);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (scope, sent) = Begin(options);
        await using var updates = base.GetStreamingResponseAsync(messages, sent, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            // Each step of an async iterator starts from its caller's execution context, so the scope is entered again.
            ModelCallScope.Enter(scope);
            try
            {
                if (!await updates.MoveNextAsync()) yield break;
            }
            catch (Exception ex) when (ex is not ModelCallException && !cancellationToken.IsCancellationRequested)
            {
                throw Classify(ex, scope);
            }

            yield return updates.Current;
        }
    }

    private static (ModelCallScope Scope, ChatOptions? Sent) Begin(ChatOptions? options)
    {
        var key = options?.AdditionalProperties?.TryGetValue(IdempotencyKeyProperty, out var value) == true ? value?.ToString() : null;
        var scope = new ModelCallScope { IdempotencyKey = key };
        ModelCallScope.Enter(scope);
        if (key is null) return (scope, options);

        var sent = options!.Clone();
        sent.AdditionalProperties = new(options.AdditionalProperties!.Where(p => p.Key != IdempotencyKeyProperty));
        if (sent.AdditionalProperties.Count == 0) sent.AdditionalProperties = null;
        return (scope, sent);
    }

    private ModelCallException Classify(Exception exception, ModelCallScope scope)
    {
        var classified = ModelErrors.Classify(exception, entry.Provider, entry.Id);
        var kind = classified.Kind is not ModelErrorKind.Unknown ? classified.Kind
            : kindOf?.Invoke(exception) ?? (scope.FailedStatus is { } status ? ModelCallException.KindOfStatus(status) : ModelErrorKind.Unknown);
        var retryAfter = classified.RetryAfter ?? scope.RetryAfter;
        if (kind == classified.Kind && retryAfter == classified.RetryAfter) return classified;
        return new ModelCallException(kind, entry.Provider, entry.Id, $"{exception.Message} — {ModelErrors.Advice(kind)}", exception, retryAfter);
    }
}
