using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.ServiceDefaults;

namespace TDeveloper.Unit.Tests.Telemetry;

public class TelemetrySettingsTests
{
    private static readonly ActivityTraceId LowTrace = ActivityTraceId.CreateFromString("00000000000000000000000000000001"); // the ratio sampler keeps low trace ids first
    private static readonly ActivityTraceId HighTrace = ActivityTraceId.CreateFromString("7fffffffffffffff0000000000000000");

    [Theory]
    [InlineData(null, null, 1.0)]
    [InlineData("Embedded", null, 1.0)]
    [InlineData("Aws", null, 0.1)]
    [InlineData("Aws", "0.25", 0.25)]
    [InlineData("Embedded", "0", 0.0)]
    public void The_ratio_defaults_by_mode_and_the_setting_wins(string? mode, string? setting, double expected)
    {
        var options = Read(setting);

        Assert.Equal(expected, options.EffectiveSamplingRatio(mode));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    public void A_ratio_outside_zero_to_one_is_refused_naming_the_key(string setting)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(setting));

        Assert.Contains("TDeveloper:Telemetry:SamplingRatio", error.Message);
    }

    [Fact]
    public void Root_spans_follow_the_ratio_and_children_follow_their_parent()
    {
        var sampler = Read("0.1").CreateSampler("Aws");

        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Root(LowTrace)).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Root(HighTrace)).Decision);
        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Child(HighTrace, ActivityTraceFlags.Recorded)).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Child(LowTrace, ActivityTraceFlags.None)).Decision);

        var none = Read("0").CreateSampler("Embedded");
        Assert.Equal(SamplingDecision.Drop, none.ShouldSample(Root(LowTrace)).Decision);
    }

    [Fact]
    public void Later_work_continues_the_stored_trace_and_links_the_turn_it_runs_in()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == TDeveloperTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var stored = $"00-{LowTrace}-{ActivitySpanId.CreateRandom()}-01";

        using (var timer = TraceContexts.StartContinuation("workflow.continue", stored)) // a timer: nothing current
        {
            Assert.Equal(stored, $"00-{timer!.TraceId}-{timer.ParentSpanId}-01");
            Assert.Empty(timer.Links);
        }

        using (var other = TDeveloperTelemetry.ActivitySource.StartActivity("another request"))
        {
            using var continued = TraceContexts.StartContinuation("session.start_queued", stored);
            Assert.Equal(LowTrace, continued!.TraceId);
            Assert.Equal(other!.SpanId, Assert.Single(continued.Links).Context.SpanId);
        }

        using var parent = TDeveloperTelemetry.ActivitySource.StartActivity("request", ActivityKind.Server, ActivityContext.Parse(stored, null));
        using var child = TraceContexts.StartContinuation("workflow.continue", stored); // inside the same trace: a plain child
        Assert.Equal(parent!.SpanId, child!.ParentSpanId);
        Assert.Empty(child.Links);
    }

    private static TelemetryOptions Read(string? ratio) => ServiceDefaultsExtensions.ReadTelemetryOptions(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["TDeveloper:Telemetry:SamplingRatio"] = ratio }).Build());

    private static SamplingParameters Root(ActivityTraceId trace) => new(default, trace, "root", ActivityKind.Server);

    private static SamplingParameters Child(ActivityTraceId trace, ActivityTraceFlags flags) =>
        new(new ActivityContext(trace, ActivitySpanId.CreateRandom(), flags, isRemote: true), trace, "child", ActivityKind.Server);
}
