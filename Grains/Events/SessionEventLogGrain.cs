using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Events;

/// <summary>Numbers, persists, then publishes a session's events, so watchers can replay from where they left off.</summary>
public sealed class SessionEventLogGrain(
    [PersistentState("events", StorageNames.State)] IPersistentState<SessionEventLogState> state,
    IOptions<SessionOptions> options) : DurableGrain, ISessionEventLogGrain
{
    /// <inheritdoc/>
    public async Task AppendAsync(ImmutableArray<SessionEvent> events)
    {
        if (events.IsDefaultOrEmpty) return;
        var numbered = SessionEventLog.Append(state.State, events, options.Value.EventsKept);
        await WriteOrReloadAsync(state);

        var stream = this.GetStreamProvider(SessionEventStream.ProviderName).GetStream<SessionEvent>(SessionEventStream.For(this.GetPrimaryKeyString()));
        foreach (var evt in numbered) await stream.OnNextAsync(evt);
    }

    /// <inheritdoc/>
    public Task<SessionEventPage> ReadAsync(long afterSequence, int max) => Task.FromResult(SessionEventLog.Read(state.State, afterSequence, max));
}
