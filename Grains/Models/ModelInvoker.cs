using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models;

/// <summary>
/// Makes a model call along a chain: the step's pin, else the agent's configured chain, else the catalog in order.
/// A retryable failure moves on to the next model; any other failure ends the call. Streams text deltas as they come
/// and prices the answer from the catalog.
/// </summary>
public sealed class ModelInvoker(IModelClients clients, IOptions<ModelCatalogOptions> catalog) : IModelInvoker
{
    /// <inheritdoc/>
    public async Task<ModelReply> InvokeAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var (chain, reason) = ChainFor(request);
        var attempts = ImmutableArray.CreateBuilder<ModelAttempt>();
        ModelCallException? last = null;
        foreach (var entry in chain)
        {
            try
            {
                var response = await CallAsync(entry, request, cancellationToken);
                attempts.Add(new ModelAttempt { Model = entry.Id });
                var usage = UsageOf(entry, response);
                var decision = new ModelDecision { Model = entry.Id, Provider = entry.Provider, Reason = reason, Attempts = attempts.ToImmutable() };
                return new ModelReply(response, decision, usage);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                last = ModelErrors.Classify(ex, entry.Provider, entry.Id);
                attempts.Add(new ModelAttempt { Model = entry.Id, Error = last.Message, ErrorKind = last.Kind });
                if (!last.IsRetryable) throw last;
            }
        }

        throw last ?? new ModelCallException(ModelErrorKind.InvalidRequest, "router", request.Agent, "no model in the catalog can take this step.");
    }

    private (IReadOnlyList<ModelCatalogEntry> Chain, string Reason) ChainFor(ModelRequest request)
    {
        var options = catalog.Value;
        if (!request.Requirements.Pinned.IsDefaultOrEmpty) return (Resolve(request.Requirements.Pinned), "pinned by the step");
        if (options.Chains.TryGetValue(request.Agent, out var chain) && chain.Count > 0) return (Resolve(chain), $"chain of {request.Agent}");
        return (options.EffectiveCatalog, "catalog order");
    }

    private List<ModelCatalogEntry> Resolve(IEnumerable<string> ids) =>
        [.. ids.Select(id => catalog.Value.Find(id) ?? throw new ModelCallException(ModelErrorKind.NotFound, "router", id, "is not in the catalog (TDeveloper:Models:Catalog)."))];

    private async Task<ChatResponse> CallAsync(ModelCatalogEntry entry, ModelRequest request, CancellationToken cancellationToken)
    {
        var options = request.Options?.Clone() ?? new ChatOptions();
        options.ModelId = entry.ProviderModel;
        options.AdditionalProperties ??= [];
        options.AdditionalProperties["idempotency_key"] = request.IdempotencyKey;
        var client = clients.Get(entry.Id);
        if (request.OnDelta is null) return await client.GetResponseAsync(request.Messages, options, cancellationToken);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(request.Messages, options, cancellationToken))
        {
            updates.Add(update);
            if (!string.IsNullOrEmpty(update.Text)) await request.OnDelta(update.Text);
        }

        return updates.ToChatResponse();
    }

    private static ModelUsage UsageOf(ModelCatalogEntry entry, ChatResponse response)
    {
        var input = response.Usage?.InputTokenCount ?? 0;
        var output = response.Usage?.OutputTokenCount ?? 0;
        return new ModelUsage { Calls = 1, InputTokens = input, OutputTokens = output, CostUsd = entry.CostOf(input, output) };
    }
}
