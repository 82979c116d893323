using System.Globalization;

namespace TDeveloper.Aws.Membership;

/// <summary>Compares membership times as Orleans does (a time of unspecified kind is taken as UTC), and stores them losslessly.</summary>
internal static class UtcTime
{
    /// <summary>Returns <paramref name="time"/> as UTC.</summary>
    public static DateTime Of(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    /// <summary>Formats <paramref name="time"/> as UTC round-trip text (every tick kept).</summary>
    public static string Format(DateTime time) => Of(time).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Parses what <see cref="Format"/> wrote.</summary>
    public static DateTime Parse(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
