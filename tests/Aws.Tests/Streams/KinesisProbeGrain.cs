using Orleans.Streams;
using Orleans.Streams.Core;

namespace TDeveloper.Aws.Tests.Streams;

/// <summary>A grain implicitly subscribed to every <see cref="Namespace"/> stream; it records what it receives.</summary>
public interface IKinesisProbeGrain : IGrainWithStringKey
{
    /// <summary>Does nothing (the stream activates the grain).</summary>
    Task PingAsync();
}

[ImplicitStreamSubscription(Namespace)]
public sealed class KinesisProbeGrain : Grain, IKinesisProbeGrain, IStreamSubscriptionObserver, IAsyncObserver<int>
{
    public const string Namespace = "kinesis-probe";

    public Task PingAsync() => Task.CompletedTask;

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<int>().ResumeAsync(this);

    public Task OnNextAsync(int item, StreamSequenceToken? token = null)
    {
        KinesisDeliveries.Add(this.GetPrimaryKeyString(), item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>What the probe grains received, per stream key, with waits on a condition (bounded, no sleeps).</summary>
public static class KinesisDeliveries
{
    private static readonly Dictionary<string, List<int>> Received = [];
    private static readonly List<(Func<bool> Condition, TaskCompletionSource Done)> Waiters = [];

    public static void Add(string key, int value)
    {
        lock (Received)
        {
            if (!Received.TryGetValue(key, out var list)) Received[key] = list = [];
            list.Add(value);
            foreach (var waiter in Waiters.ToList())
            {
                if (!waiter.Condition()) continue;
                waiter.Done.TrySetResult();
                Waiters.Remove(waiter);
            }
        }
    }

    /// <summary>A copy of what stream <paramref name="key"/>'s grain received, in order.</summary>
    public static List<int> Of(string key)
    {
        lock (Received) return Received.TryGetValue(key, out var list) ? [.. list] : [];
    }

    /// <summary>Waits until <paramref name="key"/>'s grain has received every value in <paramref name="expected"/>.</summary>
    public static Task WaitForAsync(string key, IEnumerable<int> expected, TimeSpan timeout)
    {
        var wanted = expected.ToHashSet();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Received)
        {
            bool Condition() => Received.TryGetValue(key, out var list) && wanted.IsSubsetOf(list);
            if (Condition()) return Task.CompletedTask;
            Waiters.Add((Condition, done));
        }

        return done.Task.WaitAsync(timeout);
    }
}
