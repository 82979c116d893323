using Polly.CircuitBreaker;

namespace TDeveloper.Grains.Models.Routing;

/// <summary>One model's measurements on this silo: smoothed latency, recent outcomes and its circuit.</summary>
internal sealed class ModelTrack(ModelHealthOptions options)
{
    private readonly Lock _lock = new();
    private readonly Queue<bool> _recent = new();
    private double? _latencyMs;
    private int _failures;
    private DateTimeOffset? _openUntil;

    public CircuitBreakerStateProvider Circuit { get; } = new();

    public void Record(bool failed, TimeSpan? latency)
    {
        lock (_lock)
        {
            if (latency is { } elapsed)
                _latencyMs = _latencyMs is { } smoothed ? smoothed + options.LatencySmoothing * (elapsed.TotalMilliseconds - smoothed) : elapsed.TotalMilliseconds;
            _recent.Enqueue(failed);
            if (failed) _failures++;
            if (_recent.Count > options.ErrorWindow && _recent.Dequeue()) _failures--;
        }
    }

    public void Opened(DateTimeOffset until)
    {
        lock (_lock) _openUntil = until;
    }

    public void Closed()
    {
        lock (_lock) _openUntil = null;
    }

    // Polly moves an open circuit to half-open only when a call arrives after the break, so "due" is worked out here.
    public bool IsAvailable(DateTimeOffset now) => Circuit.CircuitState switch
    {
        CircuitState.Closed or CircuitState.HalfOpen => true,
        CircuitState.Open => IsTrialDue(now),
        _ => false,
    };

    public bool IsTrialDue(DateTimeOffset now)
    {
        lock (_lock) return Circuit.CircuitState == CircuitState.Open && _openUntil is { } until && until <= now;
    }

    public ModelStats Stats(DateTimeOffset now)
    {
        lock (_lock)
        {
            var latency = _latencyMs is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
            return new ModelStats(latency, _recent.Count == 0 ? 0 : (double)_failures / _recent.Count, IsAvailable(now));
        }
    }
}
