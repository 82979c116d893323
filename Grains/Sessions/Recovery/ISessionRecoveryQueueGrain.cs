using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Sessions.Recovery;

/// <summary>
/// One shard (integer key, <see cref="RecoveryShards.For"/>) of the durable queue of sessions to recover after a crash; it
/// calls each queued session's <c>RecoverAsync</c> with backoff. Not part of the client contract.
/// </summary>
public interface ISessionRecoveryQueueGrain : IGrainWithIntegerKey
{
    /// <summary>Queues a session that came back live after a crash; returns once durable. Queuing it again changes nothing.</summary>
    [SystemOnly]
    Task EnqueueAsync(string sessionKey);

    /// <summary>Gets the entry of a session while it is queued, or <see langword="null"/>.</summary>
    [SystemOnly]
    Task<RecoveryEntry?> GetAsync(string sessionKey);
}

/// <summary>Which queue shard holds a session.</summary>
public static class RecoveryShards
{
    /// <summary>Gets the shard of <paramref name="sessionKey"/>: a stable hash (FNV-1a of its UTF-16 code units) modulo <paramref name="shards"/>, the same on every silo.</summary>
    public static int For(string sessionKey, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in sessionKey) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)Math.Max(1, shards));
    }
}
