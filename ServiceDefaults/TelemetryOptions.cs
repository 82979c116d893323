using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Trace;

namespace TDeveloper.ServiceDefaults;

/// <summary>Tracing and export settings (section <see cref="SectionName"/>).</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "TDeveloper:Telemetry";

    /// <summary>The seed's sampling ratio for a deployed cluster (10 % of traces).</summary>
    public const double ProductionSamplingRatio = 0.1;

    /// <summary>The sampling ratio of the embedded mode (one process, one developer): every trace.</summary>
    public const double EmbeddedSamplingRatio = 1.0;

    /// <summary>
    /// Gets or sets the share of new traces (those without a sampled parent) that are recorded, 0 to 1. Unset: 1 in the
    /// embedded mode (<c>TDeveloper:Mode</c> Embedded or unset), <see cref="ProductionSamplingRatio"/> otherwise.
    /// A request that arrives with a W3C <c>traceparent</c> follows its caller's decision (parent-based sampling).
    /// </summary>
    public double? SamplingRatio { get; set; }

    /// <summary>Gets or sets whether logs, metrics and traces are also written to the console.</summary>
    public bool Console { get; set; }

    /// <summary>Gets the ratio in force for the hosting mode named by <c>TDeveloper:Mode</c> (<paramref name="mode"/>; null or empty is Embedded).</summary>
    public double EffectiveSamplingRatio(string? mode) =>
        SamplingRatio ?? (string.IsNullOrWhiteSpace(mode) || string.Equals(mode, "Embedded", StringComparison.OrdinalIgnoreCase) ? EmbeddedSamplingRatio : ProductionSamplingRatio);

    /// <summary>Builds the sampler: parent-based, with a trace-id ratio sampler for root spans.</summary>
    public Sampler CreateSampler(string? mode) => new ParentBasedSampler(new TraceIdRatioBasedSampler(EffectiveSamplingRatio(mode)));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SamplingRatio is { } ratio && (double.IsNaN(ratio) || ratio < 0 || ratio > 1))
            yield return new ValidationResult($"{SectionName}:SamplingRatio must be between 0 and 1 (was {ratio}).", [nameof(SamplingRatio)]);
    }
}
