using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models.Routing;
using Opts = Microsoft.Extensions.Options.Options;

namespace TDeveloper.Unit.Tests.Models;

public class ModelHealthTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ModelHealth _health;

    public ModelHealthTests() =>
        _health = new ModelHealth(Opts.Create(new ModelHealthOptions { LatencySmoothing = 0.2, ErrorWindow = 4, MinimumThroughput = 100 }), _time);

    private Task<int> AnswerAfter(TimeSpan latency) => _health.ExecuteAsync("m", _ =>
    {
        _time.Advance(latency);
        return Task.FromResult(1);
    }, CancellationToken.None);

    private Task Fail(ModelErrorKind kind) => Assert.ThrowsAsync<ModelCallException>(() =>
        _health.ExecuteAsync<int>("m", _ => throw new ModelCallException(kind, "test", "m", "failed"), CancellationToken.None));

    [Fact]
    public async Task Latency_is_smoothed_over_successful_calls()
    {
        Assert.Null(_health.StatsOf("m").Latency);

        await AnswerAfter(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), _health.StatsOf("m").Latency);

        await AnswerAfter(TimeSpan.FromSeconds(1));
        Assert.Equal(1.8, _health.StatsOf("m").Latency!.Value.TotalSeconds, 6);
    }

    [Fact]
    public async Task The_error_rate_counts_retryable_failures_over_the_last_calls_only()
    {
        await Fail(ModelErrorKind.Unavailable);
        await Fail(ModelErrorKind.InvalidRequest); // the caller's fault, not the model's health
        await AnswerAfter(TimeSpan.FromSeconds(1));
        Assert.Equal(0.5, _health.StatsOf("m").ErrorRate);

        for (var i = 0; i < 4; i++) await AnswerAfter(TimeSpan.FromSeconds(1));

        Assert.Equal(0, _health.StatsOf("m").ErrorRate);
        Assert.True(_health.StatsOf("m").IsAvailable);
    }
}
