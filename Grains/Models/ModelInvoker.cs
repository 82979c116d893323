using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models.Quotas;
using TDeveloper.Grains.Models.Routing;

namespace TDeveloper.Grains.Models;

/// <summary>
/// Makes a model call along a chain: the step's pin, else the agent's configured chain, else the router's ranking.
/// Models that lack a capability or context the call needs are left out even of a pin or chain; a model whose circuit
/// is open is skipped; a model whose quota is full is skipped too, unless it is the last one left, which waits for its
/// next window. A retryable failure moves on to the next model; any other failure ends the call. Every model tried is
/// recorded in the decision. Streams text deltas as they come and prices the answer from the catalog.
/// </summary>
public sealed class ModelInvoker(
    IModelClients clients,
    IOptions<ModelCatalogOptions> catalog,
    IOptions<ModelRouterOptions> router,
    ModelHealth health,
    IModelQuotas quotas,
    TimeProvider time) : IModelInvoker
{
    /// <inheritdoc/>
    public async Task<ModelReply> InvokeAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        // The call as a whole (routing, quota waits, fallbacks); each provider request under it is Microsoft.Extensions.AI's "chat {model}" span.
        using var activity = TDeveloperTelemetry.ActivitySource.StartActivity("model.call", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag(TraceContexts.Agent, request.Agent);
        try
        {
            var reply = await InvokeRouteAsync(request, cancellationToken);
            activity?.SetTag(TraceContexts.Model, reply.Decision.Model);
            activity?.SetTag(TraceContexts.Provider, reply.Decision.Provider);
            activity?.SetTag(TraceContexts.InputTokens, reply.Usage.InputTokens);
            activity?.SetTag(TraceContexts.OutputTokens, reply.Usage.OutputTokens);
            activity?.SetTag(TraceContexts.Cost, (double)reply.Usage.CostUsd);
            activity?.SetTag("tdeveloper.model.attempts", reply.Decision.Attempts.Length);
            return reply;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex is ModelCallException model ? model.Kind.ToString() : ex.GetType().Name);
            throw;
        }
    }

    private async Task<ModelReply> InvokeRouteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var size = ModelCallSize.Of(request, router.Value);
        var route = RouteFor(request, size);
        var attempts = ImmutableArray.CreateBuilder<ModelAttempt>();
        ModelCallException? last = null;
        for (var i = 0; i < route.Models.Length; i++)
        {
            var entry = route.Models[i];
            if (!health.IsAvailable(entry.Id))
            {
                last = Skip(attempts, entry, ModelErrorKind.Unavailable, "skipped: its circuit is open after repeated failures.", "circuit_open");
                continue;
            }

            var isLast = !route.Models.Skip(i + 1).Any(m => health.IsAvailable(m.Id));
            var grant = await AcquireAsync(entry, size, isLast, cancellationToken);
            if (!grant.IsGranted)
            {
                last = grant.Outcome == ModelQuotaOutcome.TooLarge
                    ? Skip(attempts, entry, ModelErrorKind.QuotaExceeded, $"skipped: the call's {size.TotalTokens} tokens exceed the model's whole quota of {entry.TokensPerMinute} tokens per minute.", "quota")
                    : Skip(attempts, entry, ModelErrorKind.RateLimited, $"skipped: the cluster's quota for this model is used up for the next {grant.Delay.TotalSeconds:0.#} s.", "quota");
                continue;
            }

            var started = time.GetTimestamp();
            try
            {
                var response = await health.ExecuteAsync(entry.Id, token => CallAsync(entry, request, token), cancellationToken);
                Count(entry, "ok", started);
                attempts.Add(new ModelAttempt { Model = entry.Id });
                var usage = UsageOf(entry, response);
                if (usage.TotalTokens > 0) await quotas.ReportAsync(entry, grant, usage.TotalTokens - size.TotalTokens);
                var decision = new ModelDecision { Model = entry.Id, Provider = entry.Provider, Reason = route.Reason, Candidates = route.Candidates, Attempts = attempts.ToImmutable() };
                return new ModelReply(response, decision, usage);
            }
            catch (BrokenCircuitException)
            {
                last = Skip(attempts, entry, ModelErrorKind.Unavailable, "skipped: its circuit is open after repeated failures.", "circuit_open");
            }
            catch (ModelCallException ex) when (!cancellationToken.IsCancellationRequested)
            {
                Count(entry, ex.Kind.ToString(), started);
                attempts.Add(new ModelAttempt { Model = entry.Id, Error = ex.Message, ErrorKind = ex.Kind });
                if (!ex.IsRetryable) throw;
                TDeveloperTelemetry.ModelFallbacks.Add(1, new("model", entry.Id), new("reason", ex.Kind.ToString()));
                last = ex;
            }
        }

        throw last ?? new ModelCallException(ModelErrorKind.InvalidRequest, "router", request.Agent, "no model in the catalog can take this step.");
    }

    private ModelRoute RouteFor(ModelRequest request, ModelCallSize size)
    {
        var options = catalog.Value;
        var requirements = request.Requirements;
        var query = new ModelQuery(request.Agent, size.Capabilities, requirements.Language, requirements.LatencyBudget, size.TotalTokens);
        if (!requirements.Pinned.IsDefaultOrEmpty) return Screened(Resolve(requirements.Pinned), query, "pinned by the step", "pinned");
        if (options.Chains.TryGetValue(request.Agent, out var chain) && chain.Count > 0) return Screened(Resolve(chain), query, $"chain of {request.Agent}", "chain");

        var route = ModelRouter.Rank(options.EffectiveCatalog, query, health.StatsOf);
        if (!route.Models.IsEmpty) return route;
        var unhealthyOnly = route.Candidates.All(c => c.ExcludedBecause is null || c.ExcludedBecause.StartsWith("unhealthy", StringComparison.Ordinal));
        throw new ModelCallException(
            unhealthyOnly ? ModelErrorKind.Unavailable : ModelErrorKind.InvalidRequest, "router", request.Agent,
            $"no model in the catalog can take this step ({Explain(route.Candidates)}).");
    }

    private ModelRoute Screened(IReadOnlyList<ModelCatalogEntry> models, ModelQuery query, string reason, string what)
    {
        var route = ModelRouter.Screen(models, query, health.StatsOf, reason);
        if (route.Models.IsEmpty)
            throw new ModelCallException(ModelErrorKind.InvalidRequest, "router", query.Agent,
                $"no {what} model can take this step ({Explain(route.Candidates)}); add a model that can to the {what} models or remove the {what}.");
        foreach (var excluded in route.Candidates.Where(c => c.ExcludedBecause is not null))
            TDeveloperTelemetry.ModelFallbacks.Add(1, new("model", excluded.Model), new("reason", "unsuitable"));
        return route;
    }

    private static string Explain(ImmutableArray<ModelCandidateScore> candidates) =>
        string.Join("; ", candidates.Where(c => c.ExcludedBecause is not null).Select(c => $"{c.Model}: {c.ExcludedBecause}"));

    private List<ModelCatalogEntry> Resolve(IEnumerable<string> ids) =>
        [.. ids.Select(id => catalog.Value.Find(id) ?? throw new ModelCallException(ModelErrorKind.NotFound, "router", id, "is not in the catalog (TDeveloper:Models:Catalog)."))];

    private async Task<ModelQuotaGrant> AcquireAsync(ModelCatalogEntry entry, ModelCallSize size, bool isLast, CancellationToken cancellationToken)
    {
        while (true)
        {
            var grant = await quotas.TryAcquireAsync(entry, size.TotalTokens);
            var waitForWindow = grant.Outcome == ModelQuotaOutcome.Exhausted && isLast;
            if (grant.Outcome == ModelQuotaOutcome.Slowed || waitForWindow)
            {
                TDeveloperTelemetry.ModelQuotaWait.Record(grant.Delay.TotalSeconds, new("model", entry.Id), new("reason", waitForWindow ? "exhausted" : "slowed"));
                await Task.Delay(grant.Delay, time, cancellationToken);
            }

            if (!waitForWindow) return grant;
        }
    }

    private static ModelCallException Skip(ImmutableArray<ModelAttempt>.Builder attempts, ModelCatalogEntry entry, ModelErrorKind kind, string why, string reason)
    {
        attempts.Add(new ModelAttempt { Model = entry.Id, Error = why, ErrorKind = kind });
        TDeveloperTelemetry.ModelFallbacks.Add(1, new("model", entry.Id), new("reason", reason));
        return new ModelCallException(kind, entry.Provider, entry.Id, why);
    }

    private void Count(ModelCatalogEntry entry, string outcome, long started)
    {
        var model = new KeyValuePair<string, object?>("model", entry.Id);
        var result = new KeyValuePair<string, object?>("outcome", outcome);
        TDeveloperTelemetry.ModelCalls.Add(1, model, new("provider", entry.Provider), result);
        TDeveloperTelemetry.ModelCallDuration.Record(time.GetElapsedTime(started).TotalSeconds, model, result);
    }

    private async Task<ChatResponse> CallAsync(ModelCatalogEntry entry, ModelRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(entry, request, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw ModelErrors.Classify(ex, entry.Provider, entry.Id);
        }
    }

    private async Task<ChatResponse> SendAsync(ModelCatalogEntry entry, ModelRequest request, CancellationToken cancellationToken)
    {
        var options = request.Options?.Clone() ?? new ChatOptions();
        options.ModelId = entry.ProviderModel;
        if (!entry.Capabilities.HasFlag(ModelCapabilities.Tools))
        {
            // Tools are offered only to models that can call them; another answers in text alone instead of refusing the request.
            options.Tools = null;
            options.ToolMode = null;
        }

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
