using System.Collections.Immutable;
using TDeveloper.Grains.Events;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Cluster.Tests;

/// <summary>The event log keeps everything across pages and activations, and drops redeliveries.</summary>
public sealed class EventLogTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static ImmutableArray<SessionEvent> Events(int count, string label) =>
        [.. Enumerable.Range(0, count).Select(i => new SessionEvent { Kind = SessionEventKind.StepStarted, StepId = $"{label}{i}", Status = "Running" })];

    [Fact]
    public async Task A_long_log_is_read_back_whole_after_the_log_is_reloaded_with_redeliveries_dropped()
    {
        var sessionKey = GrainKeys.Session("acme", GrainKeys.NewSessionId());
        var sink = fixture.Client.GetGrain<ISessionEventSink>(sessionKey);
        await sink.AppendAsync("w1", 1, Events(30, "a"));
        await sink.AppendAsync("w2", 1, Events(25, "b"));
        await sink.AppendAsync("w1", 21, Events(20, "c")); // 21–30 were logged already: only 31–40 are new
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => sink.AppendAsync($"p{i}", 1, Events(7, $"p{i}-"))));

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await sink.AppendAsync("w2", 26, Events(3, "d"));

        var page = await fixture.Client.GetGrain<ISessionEventLogGrain>(sessionKey).ReadAsync(0, 1000);
        Assert.Equal(Enumerable.Range(1, 30 + 25 + 10 + 35 + 3).Select(i => (long)i), page.Events.Select(e => e.Sequence));
        Assert.Equal(page.Events.Length, page.LastSequence);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"c{i}"), page.Events.Where(e => e.StepId!.StartsWith('c')).Select(e => e.StepId));
        Assert.Equal(["d0", "d1", "d2"], page.Events[^3..].Select(e => e.StepId));

        var middle = await fixture.Client.GetGrain<ISessionEventLogGrain>(sessionKey).ReadAsync(40, 5);
        Assert.Equal([41L, 42L, 43L, 44L, 45L], middle.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_watcher_replays_a_long_session_from_the_start_then_follows_it_live()
    {
        var session = await SessionFlow.CreateSessionAsync(fixture.Client);
        var sink = fixture.Client.GetGrain<ISessionEventSink>(session.GetPrimaryKeyString());
        for (var batch = 0; batch < 20; batch++) await sink.AppendAsync("w", (batch * 40) + 1, Events(40, $"b{batch}-"));

        var client = new TDeveloper.Client.TDeveloperClient(fixture.Client, Microsoft.Extensions.Logging.Abstractions.NullLogger<TDeveloper.Client.TDeveloperClient>.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var watched = new List<SessionEvent>();
        await foreach (var e in client.WatchSessionAsync("acme", GrainKeys.LocalIdOf(session.GetPrimaryKeyString()), 0, stop.Token))
        {
            watched.Add(e);
            if (watched.Count == 801) break;
            if (watched.Count == 800) await sink.AppendAsync("w", 801, Events(1, "live"));
        }

        Assert.Equal(Enumerable.Range(1, 801).Select(i => (long)i), watched.Select(e => e.Sequence));
        Assert.Equal(800, watched.Count(e => e.Kind == SessionEventKind.StepStarted));
    }
}
