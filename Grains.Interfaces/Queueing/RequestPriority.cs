namespace TDeveloper.Grains.Interfaces.Queueing;

/// <summary>How urgent a request is: the queue starts higher levels first (see <c>docs/routing/queue.md</c>).</summary>
/// <remarks>The default, <see cref="Normal"/>, is 0 so a request that names no priority is normal.</remarks>
public enum RequestPriority
{
    /// <summary>Ordinary work (the default); rank 2.</summary>
    Normal = 0,
    /// <summary>Work that may wait; rank 1.</summary>
    Low = 1,
    /// <summary>Work ahead of normal; rank 3.</summary>
    High = 2,
    /// <summary>Work ahead of everything else; rank 4.</summary>
    Critical = 3,
}

/// <summary>The ranks of <see cref="RequestPriority"/> levels.</summary>
public static class RequestPriorityExtensions
{
    /// <summary>Gets the level's rank: LOW 1, NORMAL 2, HIGH 3, CRITICAL 4 (higher starts first).</summary>
    public static int Rank(this RequestPriority priority) => priority switch
    {
        RequestPriority.Low => 1,
        RequestPriority.High => 3,
        RequestPriority.Critical => 4,
        _ => 2,
    };
}
