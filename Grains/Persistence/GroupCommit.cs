namespace TDeveloper.Grains.Persistence;

/// <summary>
/// Coalesces the writes that callers ask for while one is in progress into the next single write, so a
/// grain that many callers change at once (a session's event log, a workflow index shard) writes once per
/// burst instead of once per caller. Meant for a reentrant grain: everything runs on its scheduler.
/// </summary>
/// <param name="write">Writes everything changed so far; it must take what it writes before its first await.</param>
/// <param name="gather">How long a write waits for more changes before it starts (zero: at once); trades latency for fewer writes.</param>
public sealed class GroupCommit(Func<Task> write, TimeSpan gather = default)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>Completes when a write that started after this call has finished; faults if that write failed.</summary>
    public Task CommitAsync()
    {
        var waiter = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writing) _ = PumpAsync();
        return waiter.Task;
    }

    private async Task PumpAsync()
    {
        _writing = true;
        try
        {
            while (_next is not null)
            {
                if (gather > TimeSpan.Zero) await Task.Delay(gather);
                var batch = _next;
                _next = null;
                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception ex)
                {
                    batch.SetException(ex);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
