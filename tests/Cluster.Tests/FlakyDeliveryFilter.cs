namespace TDeveloper.Cluster.Tests;

/// <summary>
/// Fails a share of the calls that carry events and notifications between grains (appends to the event
/// log, a workflow's notice to its session, an agent's result, and the memory stream's enqueue that a
/// publish makes), before they reach their target, as a lost message or a crashed receiver would.
/// </summary>
public sealed class FlakyDeliveryFilter : IOutgoingGrainCallFilter
{
    private static readonly string[] Targets = ["ISessionEventSink", "ISessionCallbacks", "IWorkflowCallbacks", "IMemoryStreamQueueGrain"];
    private readonly Random _random = new(20261125);
    private readonly Lock _gate = new();

    /// <summary>Gets how many calls were failed.</summary>
    public int Injected { get; private set; }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (Targets.Any(t => context.InterfaceName.Contains(t, StringComparison.Ordinal)) && ShouldFail())
        {
            throw new TimeoutException($"Injected failure of {context.InterfaceName}.{context.MethodName}");
        }

        return context.Invoke();
    }

    private bool ShouldFail()
    {
        lock (_gate)
        {
            if (_random.NextDouble() >= 0.3) return false;
            Injected++;
            return true;
        }
    }
}
