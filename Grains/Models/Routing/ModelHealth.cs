using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Routing;

/// <summary>
/// What this silo knows of each model's health: the smoothed latency of its answers and its error rate over recent
/// calls (the router's performance and availability), and a Polly circuit breaker per model that opens when too many
/// calls fail in a retryable way (rate limit, timeout, unavailable, internal). An open circuit skips its model until
/// the break has passed; then one trial call (a probe, or the next request) closes it again or reopens it.
/// </summary>
public sealed class ModelHealth(IOptions<ModelHealthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (ModelTrack Track, ResiliencePipeline Pipeline)> _models = new(StringComparer.Ordinal);

    /// <summary>Gets what was measured of <paramref name="model"/>.</summary>
    public ModelStats StatsOf(string model) => _models.TryGetValue(model, out var known) ? known.Track.Stats(time.GetUtcNow()) : ModelStats.Unmeasured;

    /// <summary>Gets whether <paramref name="model"/> may be called now (its circuit is closed, half-open or due for a trial).</summary>
    public bool IsAvailable(string model) => !_models.TryGetValue(model, out var known) || known.Track.IsAvailable(time.GetUtcNow());

    /// <summary>Gets the models whose circuit is open and whose break has passed: a trial call would close or reopen it.</summary>
    public IReadOnlyList<string> DueForTrial()
    {
        var now = time.GetUtcNow();
        return [.. _models.Where(m => m.Value.Track.IsTrialDue(now)).Select(m => m.Key)];
    }

    /// <summary>Calls <paramref name="model"/> through its circuit and records the outcome and latency.</summary>
    /// <exception cref="BrokenCircuitException">The circuit is open (or half-open with its trial call under way); the model was not called.</exception>
    /// <exception cref="ModelCallException">The call failed.</exception>
    public async Task<T> ExecuteAsync<T>(string model, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var (track, pipeline) = _models.GetOrAdd(model, Create);
        var started = time.GetTimestamp();
        try
        {
            var result = await pipeline.ExecuteAsync(static async (call, token) => await call(token), call, cancellationToken);
            track.Record(failed: false, time.GetElapsedTime(started));
            return result;
        }
        catch (ModelCallException ex) when (ex.IsRetryable)
        {
            track.Record(failed: true, latency: null);
            throw;
        }
    }

    private (ModelTrack, ResiliencePipeline) Create(string model)
    {
        var settings = options.Value;
        var track = new ModelTrack(settings);
        var state = new KeyValuePair<string, object?>("model", model);
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                StateProvider = track.Circuit,
                ShouldHandle = new PredicateBuilder().Handle<ModelCallException>(ex => ex.IsRetryable),
                OnOpened = args =>
                {
                    track.Opened(time.GetUtcNow() + args.BreakDuration);
                    TDeveloperTelemetry.ModelCircuitTransitions.Add(1, state, new("state", "open"));
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    TDeveloperTelemetry.ModelCircuitTransitions.Add(1, state, new("state", "half-open"));
                    return default;
                },
                OnClosed = _ =>
                {
                    track.Closed();
                    TDeveloperTelemetry.ModelCircuitTransitions.Add(1, state, new("state", "closed"));
                    return default;
                },
            })
            .Build();
        return (track, pipeline);
    }
}
