using System.Threading.Channels;
using Orleans.Streams;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Client;

/// <summary>Feeds a session's stream into a bounded channel without ever blocking the stream.</summary>
/// <remarks>When the channel is full the watcher is stopped with an error instead of slowing every other consumer down.</remarks>
internal sealed class SessionEventObserver(string sessionKey, ChannelWriter<SessionEvent> writer) : IAsyncObserver<SessionEvent>
{
    public Task OnNextAsync(SessionEvent item, StreamSequenceToken? token = null)
    {
        if (!writer.TryWrite(item))
        {
            writer.TryComplete(new InvalidOperationException(
                $"The watcher of session '{sessionKey}' fell more than {TDeveloperClient.WatchBufferCapacity} events behind and was stopped; watch again to start from a fresh snapshot."));
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync()
    {
        writer.TryComplete();
        return Task.CompletedTask;
    }

    public Task OnErrorAsync(Exception ex)
    {
        writer.TryComplete(ex);
        return Task.CompletedTask;
    }
}
