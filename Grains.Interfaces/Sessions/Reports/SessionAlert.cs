namespace TDeveloper.Grains.Interfaces.Sessions.Reports;

/// <summary>An alert a session raised when a monitored figure crossed its threshold; it stays until the figure is back under it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionAlert")]
public sealed record SessionAlert
{
    /// <summary>Gets what the alert is about.</summary>
    [Id(0)] public SessionAlertKind Kind { get; init; }

    /// <summary>Gets when the figure crossed the threshold.</summary>
    [Id(1)] public DateTimeOffset RaisedAt { get; init; }

    /// <summary>Gets the figure when the alert was raised: bytes, seconds or a fraction (0–1) by <see cref="Kind"/>.</summary>
    [Id(2)] public double Value { get; init; }

    /// <summary>Gets the threshold it crossed, in the unit of <see cref="Value"/>.</summary>
    [Id(3)] public double Threshold { get; init; }

    /// <summary>Gets a short human message, e.g. "duration 7.0 h is over 7.0 h".</summary>
    [Id(4)] public string Message { get; init; } = "";
}
