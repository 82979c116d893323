namespace TDeveloper.Aws.Membership;

/// <summary>Compares membership times as Orleans does: a time of unspecified kind is taken as UTC.</summary>
internal static class UtcTime
{
    /// <summary>Returns <paramref name="time"/> as UTC.</summary>
    public static DateTime Of(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
