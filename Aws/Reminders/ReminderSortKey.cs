using System.Globalization;
using System.Text;
using Orleans.Runtime;

namespace TDeveloper.Aws.Reminders;

/// <summary>
/// Builds the sort key of a reminder item, <c>{grainHash:X8}#{grainId}#{reminderName}</c>, and the bounds that
/// select hash ranges and grains. Eight upper-case hex digits sort as the hashes do, so a hash range is one
/// key range. In the grain id <c>%</c> is written <c>%25</c> and <c>#</c> <c>%23</c>, so the grain id never holds
/// a <c>#</c>: the first <c>#</c> after it ends it, no two (grain, name) pairs share a key, and one grain's
/// prefix is never the start of another grain's keys. The name, last, needs no escaping.
/// </summary>
internal static class ReminderSortKey
{
    /// <summary>DynamoDB's limit on a sort key, in UTF-8 bytes.</summary>
    public const int MaxBytes = 1024;

    /// <summary>The sort key of <paramref name="grainId"/>'s reminder <paramref name="reminderName"/>.</summary>
    /// <exception cref="ArgumentException">The key would exceed <see cref="MaxBytes"/>.</exception>
    public static string Of(GrainId grainId, string reminderName)
    {
        var key = Of(grainId.GetUniformHashCode(), grainId.ToString(), reminderName);
        var bytes = Encoding.UTF8.GetByteCount(key);
        return bytes <= MaxBytes
            ? key
            : throw new ArgumentException($"Reminder '{reminderName}' of grain {grainId} needs a {bytes}-byte DynamoDB sort key; the limit is {MaxBytes} bytes. Use a shorter reminder name.", nameof(reminderName));
    }

    /// <summary>The sort key for a grain given by its hash and text.</summary>
    public static string Of(uint grainHash, string grainId, string reminderName) => GrainPrefix(grainHash, grainId) + reminderName;

    /// <summary>The prefix shared by every sort key of <paramref name="grainId"/> and by no other grain's.</summary>
    public static string GrainPrefix(GrainId grainId) => GrainPrefix(grainId.GetUniformHashCode(), grainId.ToString());

    /// <summary>The prefix for a grain given by its hash and text.</summary>
    public static string GrainPrefix(uint grainHash, string grainId) =>
        $"{Hex(grainHash)}#{grainId.Replace("%", "%25", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal)}#";

    /// <summary>The smallest key any item of hash <paramref name="low"/> or more can have: the bare hash, shorter than all its keys.</summary>
    public static string LowerBound(uint low) => Hex(low);

    /// <summary>A key above every item of hash <paramref name="high"/> and below every item of a greater hash: <c>$</c> follows <c>#</c>.</summary>
    public static string UpperBound(uint high) => Hex(high) + "$";

    private static string Hex(uint hash) => hash.ToString("X8", CultureInfo.InvariantCulture);
}
