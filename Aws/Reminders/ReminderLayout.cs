using System.Globalization;
using System.Numerics;

namespace TDeveloper.Aws.Reminders;

/// <summary>
/// How a service's reminders are spread over partition keys: <see cref="Buckets"/> buckets (a power of two), a
/// row's bucket being the top log2(<see cref="Buckets"/>) bits of its grain's uniform hash. Each bucket therefore
/// holds one contiguous slice of the ring, and a ring range needs only the buckets whose slices it overlaps.
/// </summary>
/// <remarks>
/// The partition key of a bucket is <c>{serviceId}#{Buckets}#{bucket}</c>, so layouts with different bucket counts
/// never share a partition. One bucket is the layout before buckets existed: the bare service id.
/// </remarks>
/// <param name="Buckets">How many buckets; a power of two from 1 to <see cref="MaxBuckets"/>.</param>
internal readonly record struct ReminderLayout(int Buckets)
{
    /// <summary>The most buckets a layout may have.</summary>
    public const int MaxBuckets = 1024;

    /// <summary>The layout before buckets: every row of a service under the partition key of its service id.</summary>
    public static readonly ReminderLayout Legacy = new(1);

    /// <summary>Gets whether <paramref name="buckets"/> is a valid bucket count.</summary>
    public static bool IsValid(int buckets) => buckets is >= 1 and <= MaxBuckets && BitOperations.IsPow2(buckets);

    private int Shift => 32 - BitOperations.Log2((uint)Buckets);

    /// <summary>The bucket of a grain hash.</summary>
    public int BucketOf(uint grainHash) => Buckets == 1 ? 0 : (int)(grainHash >> Shift);

    /// <summary>The hashes bucket <paramref name="bucket"/> holds.</summary>
    public HashInterval SliceOf(int bucket)
    {
        if (Buckets == 1) return HashInterval.FullRing;
        var low = (uint)bucket << Shift;
        return new(low, low + ((1u << Shift) - 1));
    }

    /// <summary>The buckets overlapping <paramref name="interval"/>, each with the part of the interval it holds.</summary>
    public IEnumerable<(int Bucket, HashInterval Part)> Overlapping(HashInterval interval)
    {
        for (var bucket = BucketOf(interval.Low); bucket <= BucketOf(interval.High); bucket++)
        {
            var slice = SliceOf(bucket);
            yield return (bucket, new(Math.Max(slice.Low, interval.Low), Math.Min(slice.High, interval.High)));
        }
    }

    /// <summary>The partition key of <paramref name="bucket"/> for <paramref name="serviceId"/>.</summary>
    public string PartitionKey(string serviceId, int bucket) =>
        Buckets == 1 ? serviceId : string.Create(CultureInfo.InvariantCulture, $"{serviceId}#{Buckets}#{bucket}");

    /// <summary>The partition key of the bucket holding <paramref name="grainHash"/>.</summary>
    public string PartitionKeyOf(string serviceId, uint grainHash) => PartitionKey(serviceId, BucketOf(grainHash));
}
