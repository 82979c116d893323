using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>
/// A weekly window in UTC: the days, and the hours from <see cref="StartHour"/> (inclusive) to <see cref="EndHour"/>
/// (exclusive). A window whose start is after its end spans midnight (22 to 6: from 22:00 to 05:59:59); the day tested
/// is the current UTC day.
/// </summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RbacTimeWindow")]
public sealed record RbacTimeWindow
{
    /// <summary>Gets the UTC days on which the window is open; empty for every day.</summary>
    [Id(0)] public ImmutableArray<DayOfWeek> Days { get; init; } = [];

    /// <summary>Gets the first UTC hour of the window, 0–23; 0 by default.</summary>
    [Id(1)] public int StartHour { get; init; }

    /// <summary>Gets the UTC hour at which the window closes, 1–24 (exclusive); 24 by default (until midnight).</summary>
    [Id(2)] public int EndHour { get; init; } = 24;
}
