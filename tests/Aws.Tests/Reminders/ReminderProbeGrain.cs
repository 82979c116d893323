using System.Collections.Concurrent;

namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>A grain that registers a reminder and reports its first tick.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers reminder <c>probe</c>, due in one second.</summary>
    Task ArmAsync();
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    /// <summary>Completed when the grain with that key receives a tick.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource<string>> Ticks = new();

    public static Task<string> TickOf(string key) => Ticks.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task ArmAsync() => this.RegisterOrUpdateReminder("probe", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.GetOrAdd(this.GetPrimaryKeyString(), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(reminderName);
        return Task.CompletedTask;
    }
}
