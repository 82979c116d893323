using Orleans;
using Orleans.Runtime;

namespace TDeveloper.Aws.Reminders;

/// <summary>An inclusive interval [<see cref="Low"/>, <see cref="High"/>] of grain hashes (<see cref="GrainId.GetUniformHashCode"/>).</summary>
/// <param name="Low">The smallest hash in the interval.</param>
/// <param name="High">The largest hash in the interval.</param>
internal readonly record struct HashInterval(uint Low, uint High)
{
    /// <summary>The whole ring.</summary>
    public static readonly HashInterval FullRing = new(0, uint.MaxValue);

    /// <summary>
    /// Turns the ring range (<paramref name="begin"/>, <paramref name="end"/>] of <see cref="IReminderTable.ReadRows(uint, uint)"/>
    /// into the fewest inclusive intervals: one when begin &lt; end, two when the range wraps past
    /// <see cref="uint.MaxValue"/> ((begin, max] and [0, end]), and one — the full ring — when begin = end.
    /// </summary>
    public static IReadOnlyList<HashInterval> FromRingRange(uint begin, uint end)
    {
        if (begin < end) return [new(begin + 1, end)];
        if (begin == end) return [FullRing];
        return begin == uint.MaxValue ? [new(0, end)] : [new(begin + 1, uint.MaxValue), new(0, end)];
    }
}
