using System.Globalization;

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

    /// <summary>Gets a short human message from the figures, e.g. "duration 7.0 h is over 7.0 h" (not stored: made from the other fields).</summary>
    public string Message => Describe(Kind, Value, Threshold);

    /// <summary>Gets the message of an alert: the figure and the threshold in readable units.</summary>
    public static string Describe(SessionAlertKind kind, double value, double threshold) => kind switch
    {
        SessionAlertKind.Memory => string.Create(CultureInfo.InvariantCulture, $"memory {Bytes(value)} is over {Bytes(threshold)}"),
        SessionAlertKind.Duration => string.Create(CultureInfo.InvariantCulture, $"duration {Time(value)} is over {Time(threshold)}"),
        SessionAlertKind.ErrorRate => string.Create(CultureInfo.InvariantCulture, $"error rate {value * 100:0.0} % is over {threshold * 100:0.0} %"),
        _ => kind.ToString(),
    };

    private static string Bytes(double bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B"),
    };

    private static string Time(double seconds) => seconds switch
    {
        >= 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h"),
        >= 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} s"),
    };
}
