using System.Collections.Concurrent;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Sessions;

namespace TDeveloper.Cluster.Tests;

/// <summary>
/// Tells a test when a grain has finished handling a call, for facts that announce themselves with no
/// event: a session learning that its workflow finished (<c>OnWorkflowFinishedAsync</c>), a checkpoint
/// reminder tick (<c>ReceiveReminder</c>). Register one instance in every silo's services.
/// </summary>
public sealed class GrainCallProbe : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Method), TaskCompletionSource> _handled = new();

    /// <summary>Completes once <paramref name="grain"/> has handled a call of <paramref name="method"/> without throwing (now or earlier).</summary>
    public Task HandledAsync(IAddressable grain, string method, TimeSpan? timeout = null) =>
        Signal(grain.GetGrainId(), method).Task.WaitAsync(timeout ?? TimeSpan.FromMinutes(2));

    /// <summary>Completes once <paramref name="session"/> has recorded that one of its workflows finished.</summary>
    public Task WorkflowEndNoticedAsync(ISessionGrain session) => HandledAsync(session, nameof(ISessionCallbacks.OnWorkflowFinishedAsync));

    /// <summary>Completes once <paramref name="session"/> has handled a tick of its checkpoint reminder.</summary>
    public Task CheckpointedAsync(ISessionGrain session) => HandledAsync(session, nameof(IRemindable.ReceiveReminder));

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        Signal(context.TargetId, context.ImplementationMethod.Name).TrySetResult();
    }

    private TaskCompletionSource Signal(GrainId grain, string method) =>
        _handled.GetOrAdd((grain, method), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
